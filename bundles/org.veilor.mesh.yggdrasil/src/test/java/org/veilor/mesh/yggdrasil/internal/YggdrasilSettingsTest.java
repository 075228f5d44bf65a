package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.veilor.core.ConfigException;

class YggdrasilSettingsTest {

    private static final String PEER = "tls://198.51.100.7:443";

    private static Map<String, Object> node(Object... more) {
        java.util.HashMap<String, Object> m = new java.util.HashMap<>(Map.of("publicPeer", PEER,
                "allowedPublicKeys", new String[] {TestConfs.KEY}));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    private static ConfigException refused(Object... more) {
        return assertThrows(ConfigException.class, () -> Configs.settings(node(more)));
    }

    @Test
    void theOcdDefaultsMakeANodeWithPeerAndKeys() {
        YggdrasilSettings s = Configs.settings(node());
        assertEquals("ygg0", s.interfaceName());
        assertEquals("unix:///run/yggdrasil/yggdrasil.sock", s.adminListen());
        assertEquals("/etc/yggdrasil/private.pem", s.keyPath());
        assertEquals("yggdrasil", s.serviceUser());
        assertTrue(s.forcedDialect().isEmpty());
        assertEquals(List.of(), s.warnings());
    }

    @Test
    void emptyAllowedPublicKeysFailsActivationWithTheStrategysWords() {
        ConfigException e = refused("allowedPublicKeys", new String[0]);
        assertEquals("allowedPublicKeys", e.key());
        assertEquals("AllowedPublicKeys must not be empty: the strategy forbids allow-all", e.reason());
        assertEquals(YggdrasilSettings.PID, e.pid());
    }

    @Test
    void everyWriterProblemIsInTheOneException() {
        ConfigException e = refused("allowedPublicKeys", new String[0], "listen", new String[] {"tls://0.0.0.0:1"},
                "publicPeer", "wss://ygg.example.net/ygg", "dialect", "0.4");
        assertEquals("allowedPublicKeys", e.key());
        assertTrue(e.reason().contains("(and 2 more: "), e.reason());
        assertTrue(e.reason().contains("Listen must be empty while idle"), e.reason());
        assertTrue(e.reason().contains("does not know wss://"), e.reason());
    }

    @Test
    void wssIsFineForAuto() {
        Configs.settings(node("publicPeer", "wss://ygg.example.net/ygg"));
    }

    @Test
    void listsComeFromCfgStrings() {
        YggdrasilSettings s = Configs.settings(node("allowedPublicKeys", new String[] {TestConfs.KEY + ", " + TestConfs.KEY.replace('0', '1')},
                "failoverPeers", new String[] {"tcp://198.51.100.8:1,tls://203.0.113.9:443"}));
        assertEquals(2, s.allowedPublicKeys().size());
        assertEquals(List.of("tcp://198.51.100.8:1", "tls://203.0.113.9:443"), s.failoverPeers());
    }

    @Test
    void theAdminSocketStaysOnThisMachine() {
        assertTrue(refused("adminListen", "tcp://0.0.0.0:9001").reason().contains("must stay on this machine"));
        assertTrue(refused("adminListen", "none").reason().contains("cannot be 'none'"));
        assertTrue(refused("adminListen", "unix://run/x.sock").reason().contains("unix:///absolute/path"));
        Configs.settings(node("adminListen", "tcp://[::1]:9001"));
    }

    @Test
    void otherKeys() {
        assertEquals("dialect", refused("dialect", "0.6").key());
        assertEquals("keyPath", refused("keyPath", "etc/key.pem").key());
        assertEquals("configPath", refused("configPath", "/etc/../x").key());
        assertEquals("executable", refused("executable", "bin/yggdrasil").key());
        assertEquals("serviceUser", refused("serviceUser", "Bad User").key());
        assertEquals("unit", refused("unit", "yggdrasil").key());
        assertEquals("adminTimeoutSeconds", refused("adminTimeoutSeconds", 0).key());
        assertEquals("interfaceName", refused("interfaceName", "auto").key());
        assertEquals("publicPeer", refused("publicPeer", "").key());
    }

    @Test
    void warningsForWhatStillWorks() {
        YggdrasilSettings s = Configs.settings(node("allowedPublicKeys", new String[] {YggdrasilSettings.EXAMPLE_KEY},
                "interfaceName", "ygg1", "multicast", true));
        assertEquals(3, s.warnings().size(), s.warnings().toString());
        assertTrue(s.warnings().get(0).contains("EXAMPLE key"));
        assertEquals(YggdrasilSettings.EXAMPLE_KEY, NodeKey.fromSeed(SpecVectors.ZERO_SEED).publicHex(),
                "the example key is the all-zero seed's: its private key is public");
    }
}
