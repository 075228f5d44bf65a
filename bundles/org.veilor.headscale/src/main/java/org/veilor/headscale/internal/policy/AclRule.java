package org.veilor.headscale.internal.policy;

import java.util.List;

/**
 * One {@code acls} entry.
 *
 * @param index its position in {@code acls}
 * @param src source aliases
 * @param proto the protocol, or empty for any
 * @param dst destinations
 * @param text the rule as compact JSON, to name it in messages
 */
public record AclRule(int index, List<Alias> src, String proto, List<Destination> dst, String text) {

    /** One {@code alias:ports} destination. */
    public record Destination(Alias alias, PortSet ports, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    public AclRule {
        src = List.copyOf(src);
        dst = List.copyOf(dst);
        proto = proto == null ? "" : proto;
    }

    /** How messages name the rule: {@code acls[2] {"action":"accept",…}}. */
    public String name() {
        return "acls[" + index + "] " + text;
    }
}
