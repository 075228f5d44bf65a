package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.veilor.mesh.Floor;
import org.veilor.mesh.FloorClaim;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.LayerStatus;
import org.veilor.mesh.MeshContext;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.YggdrasilDaemons;

/**
 * L3b end to end against real daemons of both releases on loopback: the layer renders the node's
 * config from its settings and the key ygg:keygen made, the test starts the real daemon on it (as
 * systemd would), and the layer's probes follow what the daemon says — idle with its public peer
 * up, down when its own daemon dies or its peer does, idle again when they come back, active once
 * promoted with the failover peer the daemon then reports, idle again when demoted.
 */
class YggdrasilLayerTest {

    private static final Duration T = Duration.ofSeconds(90);
    private static final MeshContext CONTEXT = new MeshContext("hs.s8n.ru");

    @TempDir
    Path tmp;
    private NodeFixture node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest
    @MethodSource("org.veilor.mesh.yggdrasil.internal.RealBinaries#both")
    void idleDownActiveFollowTheRealDaemons(RealBinaries.Binary b) throws Exception {
        node = new NodeFixture(tmp, b);
        YggdrasilDaemons.Daemon publicPeer = node.daemons.listener("public");
        YggdrasilDaemons.Daemon failover = node.daemons.listener("failover");
        YggdrasilSettings s = node.settings(publicPeer.listenUri(), List.of(failover.listenUri()), List.of(publicPeer.publicKey()), Map.of());
        YggdrasilLayer layer = new YggdrasilLayer(node.host, () -> s);
        YggdrasilNode agent = new YggdrasilNode(node.host, () -> s, layer);

        LayerStatus first = layer.probe(CONTEXT);
        assertEquals(LayerState.DOWN, first.state());
        assertTrue(first.detail().startsWith("no node key at /etc/yggdrasil/private.pem yet"), first.detail());

        NodeKey key = agent.keygen(false);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(node.root.resolve("etc/yggdrasil/private.pem"))));
        LayerStatus noDaemon = layer.probe(CONTEXT);
        assertEquals(LayerState.DOWN, noDaemon.state());
        assertTrue(noDaemon.detail().startsWith("daemon unreachable: cannot reach the admin socket"), noDaemon.detail());
        Path conf = node.root.resolve("etc/yggdrasil/yggdrasil.conf");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
        // A new config restarts an enabled unit; the unreachable daemon then makes the layer ask whether it is disabled.
        assertEquals(List.of(List.of("is-enabled", "yggdrasil.service"), List.of("--no-block", "restart", "yggdrasil.service"),
                List.of("is-enabled", "yggdrasil.service")), node.systemctlCalls());

        YggdrasilDaemons.Daemon own = node.startNode();
        LayerStatus idle = awaitState(layer, LayerState.IDLE);
        assertTrue(idle.detail().startsWith(YggAddress.addressText(key.publicKey()) + "; 1 of 1 peers up: " + publicPeer.listenUri()),
                idle.detail());
        FloorClaim one = claim(idle, Floor.I);
        assertTrue(one.survives());
        assertTrue(one.reason().contains("needs no DNS (IP literal)"), one.reason());
        FloorClaim two = claim(idle, Floor.II);
        assertFalse(two.survives());
        assertTrue(two.reason().contains(b.version().dialect() == YggVersion.Dialect.V0_4 ? "0.4 dialect" : "no wss://…:443 peer is up"),
                two.reason());
        YggdrasilNode.Status status = agent.status();
        assertEquals(key.publicHex(), status.self().key());
        assertEquals(publicPeer.publicKey(), status.configured().get(0).seen().key(), "the layer's admin client reports the peer up");
        assertTrue(status.configured().get(0).up());

        // Its own daemon dies: the very next probe says so.
        own.kill();
        LayerStatus dead = layer.probe(CONTEXT);
        assertEquals(LayerState.DOWN, dead.state());
        assertTrue(dead.detail().startsWith("daemon unreachable"), dead.detail());
        own.start();
        awaitState(layer, LayerState.IDLE);

        // Its public peer dies: down once the daemon has noticed, idle again once it is back.
        publicPeer.kill();
        LayerStatus lonely = awaitState(layer, LayerState.DOWN);
        assertTrue(lonely.detail().startsWith("no configured peer is up: " + publicPeer.listenUri()), lonely.detail());
        publicPeer.start();
        awaitState(layer, LayerState.IDLE);

        // Promotion: the failover peer goes in through the admin socket and the daemon reports it.
        assertTrue(layer.promotable());
        layer.promote();
        LayerStatus active = Poll.until(T, "the failover peer up", () -> {
            LayerStatus st = layer.probe(CONTEXT);
            return st.state() == LayerState.ACTIVE && st.detail().contains("2 of 2 peers up") ? st : null;
        });
        assertTrue(active.detail().contains(failover.listenUri()), active.detail());
        Poll.assertEventually(T, () -> assertTrue(reportedKeys(layer, s).contains(failover.publicKey()),
                failover.publicKey() + " in " + AdminResponses.peers(layer.client(s).request("getPeers"))));

        // The daemon restarts while promoted (peers added by admin are not in its config): added again.
        own.kill();
        own.start();
        Poll.until(T, "the failover peer back after a daemon restart", () -> {
            LayerStatus st = layer.probe(CONTEXT);
            return st.state() == LayerState.ACTIVE && st.detail().contains("2 of 2 peers up") ? st : null;
        });

        layer.demote();
        LayerStatus demoted = awaitState(layer, LayerState.IDLE);
        assertTrue(demoted.detail().contains("1 of 1 peers up"), demoted.detail());
        Poll.assertEventually(T, () -> assertFalse(reportedKeys(layer, s).contains(failover.publicKey())));

        // The secret never reaches a log line.
        Path log = Path.of("target/test-log.txt");
        if (Files.exists(log)) {
            assertFalse(Files.readString(log).contains(key.privateHex().substring(0, 64)));
        }
        assertFalse(Files.readString(own.log()).contains(key.privateHex().substring(0, 64)));
    }

    /**
     * Floor (ii) for real: the 0.5 node's public peer is {@code wss://…:443}, a real ws listener
     * behind a TLS front on port 443 (yggdrasil has no wss listener; see
     * {@link YggdrasilDaemons#wssFront}). The node dials it through the config the layer wrote.
     */
    @org.junit.jupiter.api.Test
    void aRealWss443PeerHoldsBothFloorsOn05() throws Exception {
        node = new NodeFixture(tmp, RealBinaries.V05);
        YggdrasilDaemons.Daemon ws = node.daemons.listenerOn("public", "ws");
        org.veilor.testsupport.WssFront front = node.daemons.wssFront(ws);
        YggdrasilSettings s = node.settings(front.uri() + "?key=" + ws.publicKey(), List.of(), List.of(ws.publicKey()), Map.of());
        YggdrasilLayer layer = new YggdrasilLayer(node.host, () -> s);
        new YggdrasilNode(node.host, () -> s, layer).keygen(false);
        assertEquals(LayerState.DOWN, layer.probe(CONTEXT).state());
        Files.createDirectories(node.root.resolve("run/yggdrasil"));
        node.daemons.start("node", node.root.resolve("etc/yggdrasil/yggdrasil.conf"), front.trustEnv());
        LayerStatus idle = awaitState(layer, LayerState.IDLE);
        assertTrue(claim(idle, Floor.II).survives(), claim(idle, Floor.II).reason());
        assertTrue(claim(idle, Floor.II).reason().contains(front.uri()), claim(idle, Floor.II).reason());
        assertTrue(claim(idle, Floor.I).survives(), "an IP literal needs no DNS");
        // The peer's TLS front goes away: (ii) goes with it, and the layer is down.
        front.close();
        ws.kill();
        assertTrue(awaitState(layer, LayerState.DOWN).detail().startsWith("no configured peer is up: " + front.uri()));
    }

    static LayerStatus awaitState(YggdrasilLayer layer, LayerState state) throws Exception {
        return Poll.until(T, "L3b " + state.label(), () -> {
            LayerStatus st = layer.probe(CONTEXT);
            return st.state() == state ? st : null;
        });
    }

    static FloorClaim claim(LayerStatus s, Floor f) {
        return s.floors().stream().filter(c -> c.floor() == f).findFirst().orElseThrow();
    }

    static List<String> reportedKeys(YggdrasilLayer layer, YggdrasilSettings s) throws Exception {
        return AdminResponses.peers(layer.client(s).request("getPeers")).stream().filter(DaemonPeer::up).map(DaemonPeer::key).toList();
    }
}
