package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.veilor.mesh.Floor;
import org.veilor.mesh.FloorClaim;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.LayerStatus;
import org.veilor.mesh.MeshContext;

/**
 * The judgement of L3b from daemon answers. Peers are written in the shapes the real daemons gave
 * (AdminClientTest reads them from 0.4.7 and 0.5.12); the wss peers here cannot be run locally
 * (a wss:443 peer needs a certificate the daemon trusts), so their entries are built by hand in
 * the 0.5 shape: remote as configured, up, outbound.
 */
class YggAssessmentTest {

    private static final MeshContext HS = new MeshContext("hs.s8n.ru");
    private static final YggVersion V05 = new YggVersion(0, 5, 12, true);
    private final NodeKey key = NodeKey.generate(new SecureRandom());
    private final DaemonSelf self = new DaemonSelf(key.publicHex(), YggAddress.addressText(key.publicKey()),
            YggAddress.subnetText(key.publicKey()), "yggdrasil", "0.5.12");

    private static DaemonPeer up05(String remote) {
        return new DaemonPeer(remote, true, false, TestConfs.KEY, "200::1", Duration.ofSeconds(12), Duration.ofMillis(3), "");
    }

    private static DaemonPeer down05(String remote, String error) {
        return new DaemonPeer(remote, false, false, "", "", Duration.ZERO, null, error);
    }

    private static DaemonPeer up04(String remote) {
        return new DaemonPeer(remote, true, null, TestConfs.KEY, "200::1", Duration.ofSeconds(12), null, "");
    }

    private LayerStatus assess(List<DaemonPeer> peers, List<String> configured, boolean promoted, YggVersion v, MeshContext ctx) {
        return YggAssessment.assess(new YggAssessment.Observation(self, peers, configured.stream().map(PeerUri::parse).toList(),
                promoted, v, key, List.of()), ctx);
    }

    private static FloorClaim claim(LayerStatus s, Floor f) {
        return s.floors().stream().filter(c -> c.floor() == f).findFirst().orElseThrow();
    }

    @Test
    void aWss443PeerOutsideTheLoginDomainHoldsBothFloors() {
        String wss = "wss://ygg.example.net/ygg?key=" + TestConfs.KEY;
        LayerStatus s = assess(List.of(up05(wss)), List.of(wss), false, V05, HS);
        assertEquals(LayerState.IDLE, s.state());
        assertTrue(claim(s, Floor.I).survives());
        assertTrue(claim(s, Floor.I).reason().contains("ygg.example.net is outside the login server's domain s8n.ru"));
        assertTrue(claim(s, Floor.II).survives());
        assertTrue(s.detail().startsWith(self.address() + "; 1 of 1 peers up: " + wss + "; yggdrasil 0.5.12"), s.detail());
    }

    @Test
    void aPeerInTheLoginServersDomainDoesNotHoldFloorOne() {
        String inside = "wss://ygg.s8n.ru:443/ygg";
        LayerStatus s = assess(List.of(up05(inside)), List.of(inside), false, V05, HS);
        assertFalse(claim(s, Floor.I).survives());
        assertTrue(claim(s, Floor.I).reason().contains("login server's domain s8n.ru"), claim(s, Floor.I).reason());
        assertTrue(claim(s, Floor.II).survives(), "(ii) is about the protocol, not DNS");
        // The same name with no login server known counts as outside.
        assertTrue(claim(assess(List.of(up05(inside)), List.of(inside), false, V05, MeshContext.empty()), Floor.I).survives());
    }

    @Test
    void wssOnAnotherPortOrTlsDoesNotHoldFloorTwo() {
        String p8443 = "wss://ygg.example.net:8443/ygg";
        String tls = "tls://198.51.100.7:443";
        LayerStatus s = assess(List.of(up05(p8443), up05(tls)), List.of(p8443, tls), false, V05, HS);
        assertFalse(claim(s, Floor.II).survives());
        assertTrue(claim(s, Floor.II).reason().startsWith("no wss://…:443 peer is up"));
        assertTrue(claim(s, Floor.I).reason().contains("198.51.100.7:443 is up and needs no DNS (IP literal)"));
    }

    @Test
    void the04DialectBreaksTheWssRuleInEveryDetail() {
        String tls = "tls://198.51.100.7:443";
        LayerStatus s = assess(List.of(up04(tls)), List.of(tls), false, YggVersion.DIALECT_04, HS);
        assertEquals(LayerState.IDLE, s.state());
        assertTrue(s.detail().endsWith(YggAssessment.RULE6_04), s.detail());
        assertFalse(claim(s, Floor.II).survives());
        assertTrue(claim(s, Floor.II).reason().contains("0.4 dialect, which has no WSS transport"));
        LayerStatus down = assess(List.of(), List.of(tls), false, YggVersion.DIALECT_04, HS);
        assertTrue(down.detail().contains(YggAssessment.RULE6_04));
    }

    @Test
    void noConfiguredPeerUpIsDownWithTheDaemonsReason() {
        String wss = "wss://ygg.example.net/ygg";
        LayerStatus s = assess(List.of(down05(wss, "lookup ygg.example.net: no such host"), up05("tls://[fe80::1%eth0]:1234")),
                List.of(wss), false, V05, HS);
        assertEquals(LayerState.DOWN, s.state());
        assertEquals("no configured peer is up: " + wss + " down (lookup ygg.example.net: no such host) (1 other peer up, not counted)",
                s.detail());
        assertTrue(s.floors().isEmpty());
        // 0.4 lists no entry for a peer it cannot reach.
        assertTrue(assess(List.of(), List.of("tcp://198.51.100.7:1"), false, YggVersion.DIALECT_04, HS).detail()
                .startsWith("no configured peer is up: tcp://198.51.100.7:1 not connected"));
    }

    @Test
    void promotedIsActiveAndInboundLinksNeverCount() {
        String pub = "tcp://198.51.100.7:1";
        String fail = "tcp://203.0.113.10:2";
        DaemonPeer inbound = new DaemonPeer("tcp://198.51.100.7:1", true, true, TestConfs.KEY, "", Duration.ZERO, null, "");
        LayerStatus s = assess(List.of(inbound, up05(fail)), List.of(pub, fail), true, V05, HS);
        assertEquals(LayerState.ACTIVE, s.state());
        assertTrue(s.detail().contains("1 of 2 peers up: " + fail), s.detail());
    }

    @Test
    void theDaemonRunningAnotherKeyIsReported() {
        DaemonSelf other = new DaemonSelf(TestConfs.KEY, "200::1", "300::/64", "", "");
        String pub = "tcp://198.51.100.7:1";
        LayerStatus s = YggAssessment.assess(new YggAssessment.Observation(other, List.of(up05(pub)), List.of(PeerUri.parse(pub)),
                false, V05, key, List.of("example key in use")), HS);
        assertTrue(s.detail().contains("the daemon runs with key " + TestConfs.KEY + ", not this node's " + key.publicHex()), s.detail());
        assertTrue(s.detail().endsWith("; example key in use"), s.detail());
    }

    @Test
    void sameEndpointIgnoresQueryAndCase() {
        assertTrue(YggAssessment.sameEndpoint(PeerUri.parse("tls://Ygg.Example.net:443?key=" + TestConfs.KEY),
                PeerUri.parse("tls://ygg.example.net:443")));
        assertTrue(YggAssessment.sameEndpoint(PeerUri.parse("wss://h/ygg"), PeerUri.parse("wss://h:443/ygg")));
        assertFalse(YggAssessment.sameEndpoint(PeerUri.parse("tls://h:443"), PeerUri.parse("tcp://h:443")));
    }
}
