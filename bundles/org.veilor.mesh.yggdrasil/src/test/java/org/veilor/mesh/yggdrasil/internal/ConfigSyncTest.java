package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.LayerStatus;
import org.veilor.mesh.MeshContext;

/**
 * When the agent writes yggdrasil.conf and restarts the unit: once per change, never over an
 * admin's disabled unit, again after a failed restart; and what stops it (no binary, no key, a
 * config the installed release cannot take). The release is the real binary's (Debian's 0.4.7 or
 * backports' 0.5.12); systemctl is a fake, since systemd cannot run here.
 */
class ConfigSyncTest {

    private static final String PEER = "tcp://198.51.100.7:1";

    @TempDir
    Path tmp;
    private NodeFixture node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private YggdrasilSettings settings(Object... more) {
        Map<String, Object> m = new java.util.HashMap<>();
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return node.settings(PEER, List.of(), List.of(TestConfs.KEY), m);
    }

    /** The verbs systemctl was called with (restarts are queued: --no-block comes first). */
    private List<String> verbs() throws Exception {
        return node.systemctlCalls().stream().map(c -> c.get(0).equals("--no-block") ? "queued " + c.get(1) : c.get(0)).toList();
    }

    @Test
    void writtenOnceRestartedOncePerChange() throws Exception {
        node = new NodeFixture(tmp, RealBinaries.V05);
        YggdrasilSettings s = settings();
        ConfigSync sync = new ConfigSync(node.host);
        new YggdrasilNode(node.host, () -> s, new YggdrasilLayer(node.host, () -> s)).keygen(false);
        assertTrue(sync.sync(s).written());
        assertFalse(sync.sync(s).written(), "unchanged: left alone");
        assertEquals(List.of("is-enabled", "queued restart"), verbs());
        YggdrasilSettings changed = node.settings("tcp://198.51.100.8:2", List.of(), List.of(TestConfs.KEY), Map.of());
        assertTrue(sync.sync(changed).written());
        assertEquals(List.of("is-enabled", "queued restart", "is-enabled", "queued restart"), verbs());
        assertTrue(Files.readString(node.root.resolve("etc/yggdrasil/yggdrasil.conf")).contains("198.51.100.8:2"));
    }

    @Test
    void aDisabledUnitIsNotStartedAndAFailedRestartIsRetried() throws Exception {
        node = new NodeFixture(tmp, RealBinaries.V04);
        YggdrasilSettings s = settings();
        ConfigSync sync = new ConfigSync(node.host);
        new YggdrasilNode(node.host, () -> s, new YggdrasilLayer(node.host, () -> s)).keygen(false);
        node.systemctl.enabled("yggdrasil.service", "disabled");
        ConfigSync.Outcome o = sync.sync(s);
        assertEquals(List.of("new config not applied: yggdrasil.service is disabled"), o.notes());
        assertEquals(List.of("is-enabled"), verbs());
        node.systemctl.enabled("yggdrasil.service", "enabled");
        node.systemctl.fail("yggdrasil.service", "restart", "Job for yggdrasil.service failed.");
        assertTrue(sync.sync(s).notes().get(0).startsWith("restart of yggdrasil.service failed: systemctl exited with 1"));
        node.systemctl.fail("yggdrasil.service", "restart", null);
        assertEquals(List.of(), sync.sync(s).notes(), "retried until it worked");
        assertEquals(List.of(), sync.sync(s).notes());
        assertEquals(List.of("is-enabled", "is-enabled", "queued restart", "is-enabled", "queued restart"), verbs());
    }

    @Test
    void the04ConfigHoldsTheKeyAndIsOwnerOnly() throws Exception {
        node = new NodeFixture(tmp, RealBinaries.V04);
        YggdrasilSettings s = settings();
        NodeKey key = new YggdrasilNode(node.host, () -> s, new YggdrasilLayer(node.host, () -> s)).keygen(false);
        new ConfigSync(node.host).sync(s);
        Path conf = node.root.resolve("etc/yggdrasil/yggdrasil.conf");
        assertTrue(Files.readString(conf).contains("\"PrivateKey\" : \"" + key.privateHex() + "\""));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
    }

    @Test
    void whatStopsIt() throws Exception {
        node = new NodeFixture(tmp, RealBinaries.V04);
        ConfigSync sync = new ConfigSync(node.host);
        YggdrasilSettings missing = settings("executable", "yggdrasil-not-here");
        assertEquals("yggdrasil is not installed: no 'yggdrasil-not-here' on the executable search path",
                assertThrows(ConfigSync.Blocked.class, () -> sync.sync(missing)).getMessage());
        YggdrasilSettings s = settings();
        assertTrue(assertThrows(ConfigSync.Blocked.class, () -> sync.sync(s)).getMessage().startsWith("no node key at /etc/yggdrasil/private.pem"));
        Files.createDirectories(node.root.resolve("etc/yggdrasil"));
        Files.writeString(node.root.resolve("etc/yggdrasil/private.pem"), "not a key");
        assertTrue(assertThrows(ConfigSync.Blocked.class, () -> sync.sync(s)).getMessage()
                .startsWith("the node key /etc/yggdrasil/private.pem is unusable: not a PEM private key"));
        Files.delete(node.root.resolve("etc/yggdrasil/private.pem"));
        new YggdrasilNode(node.host, () -> s, new YggdrasilLayer(node.host, () -> s)).keygen(false);
        // Auto dialect accepts wss (0.5 can), but the installed release is Debian's 0.4.7.
        YggdrasilSettings wss = node.settings("wss://ygg.example.net/ygg", List.of("quic://198.51.100.9:1"), List.of(TestConfs.KEY), Map.of());
        String m = assertThrows(ConfigSync.Blocked.class, () -> sync.sync(wss)).getMessage();
        assertTrue(m.startsWith("yggdrasil.conf cannot be written for yggdrasil 0.4 (the build does not say which): 2 problems: "), m);
        assertTrue(m.contains("publicPeer = 'wss://ygg.example.net/ygg'") && m.contains("failoverPeers = 'quic://198.51.100.9:1'"), m);
        LayerStatus st = new YggdrasilLayer(node.host, () -> wss).probe(MeshContext.empty());
        assertEquals(LayerState.DOWN, st.state());
        assertEquals(m, st.detail());
    }

    @Test
    void aForcedDialectNeedsNoBinary() throws Exception {
        node = new NodeFixture(tmp, RealBinaries.V05);
        YggdrasilSettings s = settings("executable", "yggdrasil-not-here", "dialect", "0.4");
        new YggdrasilNode(node.host, () -> s, new YggdrasilLayer(node.host, () -> s)).keygen(false);
        ConfigSync.Outcome o = new ConfigSync(node.host).sync(s);
        assertEquals(YggVersion.DIALECT_04, o.version());
        assertTrue(Files.readString(node.root.resolve("etc/yggdrasil/yggdrasil.conf")).contains("\"PublicKey\""));
    }

    @Test
    void aDisabledUnitMakesAnUnreachableDaemonDisabledNotDown() throws Exception {
        node = new NodeFixture(tmp, RealBinaries.V05);
        YggdrasilSettings s = settings();
        YggdrasilLayer layer = new YggdrasilLayer(node.host, () -> s);
        new YggdrasilNode(node.host, () -> s, layer).keygen(false);
        assertEquals(LayerState.DOWN, layer.probe(MeshContext.empty()).state());
        node.systemctl.enabled("yggdrasil.service", "masked");
        LayerStatus st = layer.probe(MeshContext.empty());
        assertEquals(LayerState.DISABLED, st.state());
        assertEquals("yggdrasil.service is masked; the strategy keeps Yggdrasil enabled (rule 6)", st.detail());
    }

    @Test
    void aKeyReadableByOthersIsReported() throws Exception {
        node = new NodeFixture(tmp, RealBinaries.V05);
        YggdrasilSettings s = settings();
        new YggdrasilNode(node.host, () -> s, new YggdrasilLayer(node.host, () -> s)).keygen(false);
        Files.setPosixFilePermissions(node.root.resolve("etc/yggdrasil/private.pem"), PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(new ConfigSync(node.host).sync(s).notes().contains("the node key /etc/yggdrasil/private.pem is readable by others: chmod 600 it"));
    }
}
