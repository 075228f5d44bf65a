package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The writer's rules and both dialects' shapes; {@link RealBinariesAcceptTest} runs its output through the real daemons. */
class ConfigWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YggVersion V0_5_12 = new YggVersion(0, 5, 12, true);
    private final NodeKey key = NodeKey.generate(new SecureRandom());

    @Test
    void emptyAllowedPublicKeysIsRefusedWithTheStrategysReason() {
        NodeConf c = TestConfs.conf("tls://198.51.100.7:443", List.of(), List.of());
        List<ConfigProblem> p = ConfigWriter.problems(c, V0_5_12);
        assertEquals(1, p.size());
        assertEquals("allowedPublicKeys", p.get(0).key());
        assertEquals("AllowedPublicKeys must not be empty: the strategy forbids allow-all", p.get(0).reason());
    }

    @Test
    void everyProblemIsListedAtOnce() {
        NodeConf c = new NodeConf("wss://ygg.example.net:443/ygg", List.of("quic://1.2.3.4:9", "tcp//broken", "wss://ygg.example.net:443/ygg"),
                List.of("tls://0.0.0.0:443"), List.of(), "auto", "unix:///run/y.sock", true, "([", "/k.pem", key);
        ConfigProblems e = assertThrows(ConfigProblems.class, () -> ConfigWriter.render(c, YggVersion.DIALECT_04));
        String all = e.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
        for (String expected : List.of(
                "allowedPublicKeys: AllowedPublicKeys must not be empty: the strategy forbids allow-all",
                "publicPeer = 'wss://ygg.example.net:443/ygg': yggdrasil 0.4 (the build does not say which) does not know wss://",
                "failoverPeers = 'quic://1.2.3.4:9': yggdrasil 0.4 (the build does not say which) does not know quic://",
                "failoverPeers = 'tcp//broken': has no scheme",
                "failoverPeers = 'wss://ygg.example.net:443/ygg': is the public peer already",
                "listen = 'tls://0.0.0.0:443': Listen must be empty while idle",
                "interfaceName = 'auto': 'auto' lets the kernel pick tunN",
                "multicastRegex = '([': not a regular expression")) {
            assertTrue(all.contains(expected), "missing: " + expected + "\nin:\n" + all);
        }
        assertTrue(e.getMessage().startsWith(e.problems().size() + " problems: "), e.getMessage());
    }

    @Test
    void dialect04InlinesTheKeyAndWritesThePublicKeyItself() throws Exception {
        JsonNode c = JSON.readTree(ConfigWriter.render(TestConfs.valid().withKey(key), YggVersion.DIALECT_04));
        assertEquals(key.privateHex(), c.path("PrivateKey").asText());
        assertEquals(key.publicHex(), c.path("PublicKey").asText(), "0.4 never recomputes PublicKey");
        assertFalse(c.has("PrivateKeyPath"), "0.4 ignores it: a random key on every start");
        common(c);
    }

    @Test
    void dialect05PointsAtThePemFile() throws Exception {
        JsonNode c = JSON.readTree(ConfigWriter.render(TestConfs.valid().withKey(key), V0_5_12));
        assertEquals("/etc/yggdrasil/private.pem", c.path("PrivateKeyPath").asText());
        assertFalse(c.has("PrivateKey"));
        assertFalse(c.has("PublicKey"));
        common(c);
        // No key needed to write 0.5: the file holds it.
        ConfigWriter.render(TestConfs.valid(), V0_5_12);
        assertThrows(ConfigProblems.class, () -> ConfigWriter.render(TestConfs.valid(), YggVersion.DIALECT_04));
    }

    @Test
    void wssNeeds057() {
        NodeConf c = TestConfs.conf("wss://ygg.example.net/ygg", List.of(), List.of(TestConfs.KEY));
        assertEquals(List.of(), ConfigWriter.problems(c, V0_5_12));
        assertEquals(1, ConfigWriter.problems(c, new YggVersion(0, 5, 5, true)).size());
    }

    @Test
    void everyStringIsQuotedJson() throws Exception {
        String text = ConfigWriter.render(TestConfs.valid().withKey(key), V0_5_12);
        // spec §1.2: HJSON's quoteless strings run to the end of the line, commas included.
        JsonNode c = JSON.readTree(text);
        assertEquals(text, new ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(c) + "\n", "plain JSON, nothing else");
    }

    @Test
    void multicastWhenAsked() throws Exception {
        NodeConf c = new NodeConf("tcp://198.51.100.7:1", List.of(), List.of(), List.of(TestConfs.KEY), "none", "tcp://127.0.0.1:9001",
                true, "^en.*", "/k.pem", key);
        JsonNode mc = JSON.readTree(ConfigWriter.render(c, V0_5_12)).path("MulticastInterfaces");
        assertEquals(1, mc.size());
        assertEquals("^en.*", mc.get(0).path("Regex").asText());
        assertTrue(mc.get(0).path("Beacon").asBoolean());
    }

    private static void common(JsonNode c) {
        assertEquals(List.of("tls://198.51.100.7:443?key=" + TestConfs.KEY), strings(c.path("Peers")));
        assertEquals(0, c.path("Listen").size(), "idle: empty Listen");
        assertEquals(List.of(TestConfs.KEY), strings(c.path("AllowedPublicKeys")));
        assertEquals(0, c.path("MulticastInterfaces").size(), "multicast off unless asked");
        assertEquals("ygg0", c.path("IfName").asText());
        assertEquals("unix:///run/yggdrasil/yggdrasil.sock", c.path("AdminListen").asText());
        assertTrue(c.path("NodeInfoPrivacy").asBoolean());
        assertFalse(c.toString().contains("203.0.113.10"), "failover peers are added by promotion, not written");
    }

    private static List<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
