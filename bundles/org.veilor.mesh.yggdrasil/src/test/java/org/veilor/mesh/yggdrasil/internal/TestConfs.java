package org.veilor.mesh.yggdrasil.internal;

import java.util.List;

/** Node configurations for tests. */
final class TestConfs {

    static final String KEY = "0000000087ee9949eeab56bd430ee8f324cad55abf3993ed9b9be63ce693e18a";

    private TestConfs() {
    }

    static NodeConf conf(String publicPeer, List<String> failover, List<String> allowed) {
        return new NodeConf(publicPeer, failover, List.of(), allowed, "ygg0", "unix:///run/yggdrasil/yggdrasil.sock", false,
                ".*", "/etc/yggdrasil/private.pem", null);
    }

    static NodeConf valid() {
        return conf("tls://198.51.100.7:443?key=" + KEY, List.of("tcp://203.0.113.10:12345"), List.of(KEY));
    }
}
