package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.YggdrasilDaemons;

/**
 * The admin client against real daemons of both releases: two nodes peer on loopback, and
 * getSelf/getPeers are read in each release's shape; errors come back as the daemon's words.
 */
class AdminClientTest {

    private static final Duration T = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private YggdrasilDaemons daemons;

    @AfterEach
    void stop() {
        if (daemons != null) {
            daemons.close();
        }
    }

    @ParameterizedTest
    @MethodSource("org.veilor.mesh.yggdrasil.internal.RealBinaries#both")
    void twoRealDaemonsPeerAndTheClientSeesTheLink(RealBinaries.Binary b) throws Exception {
        daemons = new YggdrasilDaemons(b.path(), tmp);
        YggdrasilDaemons.Daemon listener = daemons.listener("b");
        NodeKey key = NodeKey.generate(new java.security.SecureRandom());
        ObjectNode c = daemons.genconf();
        c.put("PrivateKey", key.privateHex());
        c.put("PublicKey", key.publicHex());
        c.putArray("Peers").add(listener.listenUri());
        c.putArray("MulticastInterfaces");
        c.put("IfName", "none");
        c.put("AdminListen", "unix://" + tmp.resolve("a.sock"));
        Path conf = tmp.resolve("a.conf");
        Files.writeString(conf, JSON.writeValueAsString(c));
        daemons.start("a", conf);
        AdminClient admin = new AdminClient("unix://" + tmp.resolve("a.sock"), Duration.ofSeconds(10));

        DaemonSelf self = AdminResponses.self(admin.request("getSelf"));
        assertEquals(key.publicHex(), self.key());
        assertEquals(YggAddress.addressText(key.publicKey()), self.address());
        assertEquals(YggAddress.subnetText(key.publicKey()), self.subnet());
        assertEquals(b.version().dialect() == YggVersion.Dialect.V0_4 ? "unknown" : "0.5.12", self.buildVersion());

        DaemonPeer peer = Poll.until(T, "the link to b", () -> AdminResponses.peers(admin.request("getPeers")).stream()
                .filter(p -> p.up() && !p.key().isEmpty()).findFirst().orElse(null));
        assertEquals(listener.publicKey(), peer.key());
        assertEquals(listener.listenUri(), peer.remote(), "an outbound peer is reported by its configured URI");
        assertEquals(YggAddress.addressText(YggAddress.parsePublicHex(listener.publicKey())), peer.address());
        if (b.version().dialect() == YggVersion.Dialect.V0_4) {
            assertNull(peer.inbound(), "0.4 does not say");
        } else {
            assertFalse(peer.inbound());
        }
        // The listener sees the same link from the other side.
        AdminClient other = new AdminClient("unix://" + listener.adminSocket(), Duration.ofSeconds(10));
        DaemonPeer inbound = Poll.until(T, "b's side", () -> AdminResponses.peers(other.request("getPeers")).stream()
                .filter(DaemonPeer::up).findFirst().orElse(null));
        assertEquals(key.publicHex(), inbound.key());
        if (b.version().dialect() == YggVersion.Dialect.V0_5) {
            assertTrue(inbound.inbound());
        }
    }

    @ParameterizedTest
    @MethodSource("org.veilor.mesh.yggdrasil.internal.RealBinaries#both")
    void theDaemonsRefusalIsItsOwnWords(RealBinaries.Binary b) throws Exception {
        daemons = new YggdrasilDaemons(b.path(), tmp);
        YggdrasilDaemons.Daemon d = daemons.listener("solo");
        AdminClient admin = new AdminClient("unix://" + d.adminSocket(), Duration.ofSeconds(10));
        AdminClient.DaemonError e = assertThrows(AdminClient.DaemonError.class, () -> admin.request("nope"));
        assertEquals("Unknown action 'nope', try 'list' for help", e.daemonMessage());
        admin.request("addPeer", Map.of("uri", "tcp://127.0.0.1:9"));
        e = assertThrows(AdminClient.DaemonError.class, () -> admin.request("addPeer", Map.of("uri", "tcp://127.0.0.1:9")));
        assertTrue(e.daemonMessage().contains("already configured"), e.daemonMessage());
        admin.request("removePeer", Map.of("uri", "tcp://127.0.0.1:9"));
        e = assertThrows(AdminClient.DaemonError.class, () -> admin.request("removePeer", Map.of("uri", "tcp://127.0.0.1:9")));
        assertTrue(e.daemonMessage().contains("not configured"), e.daemonMessage());
        assertEquals(List.of(), AdminResponses.peers(admin.request("getPeers")));
    }

    @Test
    void aMissingSocketIsNamed() {
        AdminClient admin = new AdminClient("unix://" + tmp.resolve("none.sock"), Duration.ofSeconds(5));
        IOException e = assertThrows(IOException.class, () -> admin.request("getSelf"));
        assertTrue(e.getMessage().startsWith("cannot reach the admin socket unix://" + tmp.resolve("none.sock")), e.getMessage());
    }

    /**
     * A daemon that accepts and never answers (hung, or stopped with SIGSTOP): this one is a fake,
     * since a real daemon cannot be made to hang on cue; the client must give up at its deadline.
     */
    @Test
    void aSilentDaemonTimesOut() throws Exception {
        Path sock = tmp.resolve("silent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            Thread t = new Thread(() -> {
                try (SocketChannel c = server.accept()) {
                    Thread.sleep(30_000);
                } catch (IOException | InterruptedException e) {
                    // test over
                }
            });
            t.setDaemon(true);
            t.start();
            AdminClient admin = new AdminClient("unix://" + sock, Duration.ofMillis(800));
            IOException e = assertThrows(IOException.class, () -> admin.request("getSelf"));
            assertTrue(e.getMessage().contains("did not answer within 800 ms"), e.getMessage());
            t.interrupt();
        }
    }

    @Test
    void endpointsAreCheckedForShape() {
        assertThrows(IllegalArgumentException.class, () -> new AdminClient("none", Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new AdminClient("unix://relative", Duration.ofSeconds(1)));
        new AdminClient("tcp://127.0.0.1:9001", Duration.ofSeconds(1));
    }
}
