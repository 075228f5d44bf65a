package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeerUriTest {

    private static final String KEY = "0000000087ee9949eeab56bd430ee8f324cad55abf3993ed9b9be63ce693e18a";
    private static final YggVersion V0_5_12 = new YggVersion(0, 5, 12, true);

    @Test
    void theSchemesAndTheirHosts() {
        PeerUri wss = PeerUri.parse("wss://ygg.example.net/ygg?key=" + KEY);
        assertEquals("wss", wss.scheme());
        assertEquals("ygg.example.net", wss.host());
        assertEquals(443, wss.effectivePort());
        assertTrue(wss.wss443());
        assertFalse(PeerUri.parse("wss://ygg.example.net:8443/ygg").wss443());
        assertEquals("2001:db8::1", PeerUri.parse("tls://[2001:db8::1]:443").bareHost());
        PeerUri socks = PeerUri.parse("socks://user:pw@localhost:9050/abcdef.onion:1863");
        assertEquals("localhost", socks.host());
        assertEquals(List.of(KEY, KEY), PeerUri.parse("tcp://1.2.3.4:5?key=" + KEY + "&key=" + KEY).options().get("key"));
        assertEquals("", PeerUri.parse("unix:///run/peer.sock").host());
        assertEquals(80, PeerUri.parse("WS://Host.Example").effectivePort());
    }

    @Test
    void malformedUrisSayWhat() {
        assertMessage("tcp://a:1 x", "not a URI");
        assertMessage("ygg.example.net:443", "unknown scheme 'ygg.example.net'");
        assertMessage("//host:1", "has no scheme");
        assertMessage("http://host:1", "unknown scheme 'http'");
        assertMessage("tcp://host", "needs a port");
        assertMessage("tcp://host:0", "out of range");
        assertMessage("tcp://bad_host:1", "not a valid host");
        assertMessage("tls://host:1?kye=" + KEY, "unknown option 'kye'");
        assertMessage("tls://host:1?key=abc", "64 hex digits");
        assertMessage("tls://host:1?priority=300", "0 to 254");
        assertMessage("tls://host:1?maxbackoff=forever", "Go duration");
        assertMessage("tls://host:1/path", "has no path");
        assertMessage("socks://localhost:9050", "names its target");
        assertMessage("unix://relative", "unix:///absolute/path");
        assertMessage("tcp://user@host:1", "only socks");
        assertMessage("tcp://host:1#x", "fragment");
        assertMessage("", "empty URI");
    }

    @Test
    void whatEachReleaseKnows() {
        assertEquals(List.of(), PeerUri.parse("tls://host:443?key=" + KEY + "&sni=host&priority=1").problemsFor(YggVersion.DIALECT_04, false));
        List<String> wss04 = PeerUri.parse("wss://host:443/ygg").problemsFor(YggVersion.DIALECT_04, false);
        assertEquals(1, wss04.size());
        assertTrue(wss04.get(0).contains("does not know wss:// (added in 0.5.7); 0.4 peers are tcp, tls, socks or unix"), wss04.get(0));
        assertEquals(1, PeerUri.parse("wss://host:443/ygg").problemsFor(new YggVersion(0, 5, 6, true), false).size());
        assertEquals(List.of(), PeerUri.parse("wss://host:443/ygg").problemsFor(V0_5_12, false));
        assertEquals(1, PeerUri.parse("quic://host:1").problemsFor(YggVersion.DIALECT_04, false).size());
        assertEquals(1, PeerUri.parse("sockstls://p:1/t:2").problemsFor(new YggVersion(0, 5, 1, true), false).size());
        assertTrue(PeerUri.parse("tcp://h:1?password=x").problemsFor(YggVersion.DIALECT_04, false).get(0).contains("0.5.0"));
        assertTrue(PeerUri.parse("tcp://h:1?maxbackoff=5m").problemsFor(new YggVersion(0, 5, 4, true), false).get(0).contains("0.5.5"));
        assertTrue(PeerUri.parse("wss://h:443").problemsFor(V0_5_12, true).get(0).contains("no wss:// listener"));
        assertTrue(PeerUri.parse("socks://p:1/t:2").problemsFor(V0_5_12, true).get(0).contains("outbound peers only"));
    }

    private static void assertMessage(String uri, String part) {
        String m = assertThrows(IllegalArgumentException.class, () -> PeerUri.parse(uri)).getMessage();
        assertTrue(m.contains(part), uri + " → " + m);
    }
}
