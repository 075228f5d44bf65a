package org.veilor.headscale.internal.policy;

import java.util.List;

/**
 * One {@code tests} entry: from {@code src}, every {@code accept} destination must be reachable and no
 * {@code deny} destination may be.
 *
 * @param origin where the test comes from, for messages ({@code tests[1]} or {@code tier promise guest})
 * @param src the source alias
 * @param proto the protocol, or empty (TCP and UDP)
 * @param accept destinations that must be reachable
 * @param deny destinations that must not be reachable
 */
public record PolicyTest(String origin, Alias src, String proto, List<Target> accept, List<Target> deny) {

    /** One {@code alias:port} test destination. */
    public record Target(Alias alias, int port, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    public PolicyTest {
        accept = List.copyOf(accept);
        deny = List.copyOf(deny);
        proto = proto == null ? "" : proto;
    }
}
