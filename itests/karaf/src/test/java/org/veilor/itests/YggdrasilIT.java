package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.veilor.testsupport.FakeExecutables;
import org.veilor.testsupport.FakeSystemctl;
import org.veilor.testsupport.FakeTailscale;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.YggdrasilDaemons;

/**
 * L3b on the node profile with real yggdrasil 0.5.12 daemons on loopback: the profile installs
 * veilor-mesh and configures L3b (its own org.veilor.mesh.yggdrasil.cfg, then the test's peers, as
 * an operator would edit them); ygg:keygen makes the node key; the agent renders yggdrasil.conf in
 * a sandbox host root and asks systemctl to restart the unit. systemd cannot run here: a fake
 * systemctl records that, and the test plays systemd's part by starting the real daemon on the
 * config the agent wrote. mesh:status then shows L3b with live state from that daemon; killing it is
 * seen within two probe periods, and so is its restart; at release v0.8 with L3a down the
 * supervisor promotes L3b through the admin socket and the daemon reports the failover peer. The
 * image renders yggdrasil-go from its COPR in a recipe the lint accepts. tailscale is a fake too
 * (FakeTailscale), as in MeshIT.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class YggdrasilIT extends VeilorTestSupport {

    private static final Path NODE = Path.of("../../config/node/etc");
    private static final Path TS_FIXTURES = Path.of(
            "../../bundles/org.veilor.mesh.tailscale/src/test/resources/org/veilor/mesh/tailscale/internal");
    private static final String PID = "org.veilor.mesh.yggdrasil";
    private static final int PROBE_SECONDS = 4;

    @Override
    protected Path bootProfile() {
        return NODE.resolve("org.veilor.core.profile.cfg");
    }

    @Override
    protected Option[] extraOptions() {
        try {
            // Short: the admin socket lives under the host root, and a Unix socket path has at most 107 bytes.
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "vyit-");
            // It holds test keys and sockets: gone when the test JVM ends.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            FakeExecutables fakes = new FakeExecutables(dir.resolve("bin"));
            Path state = dir.resolve("tailscale");
            FakeTailscale.install(fakes, state, true);
            FakeSystemctl.install(fakes, dir.resolve("systemd"));
            Files.copy(TS_FIXTURES.resolve("status-running.json"), state.resolve("status.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(TS_FIXTURES.resolve("status-running.json"), dir.resolve("status-running.json"), StandardCopyOption.REPLACE_EXISTING);
            // The node profile's own L3b file (pax-exam replaces files after it edits them, so the
            // test's values are appended here): the real 0.5.12 binary, no TUN (a test may not make
            // interfaces), files kept the test's user.
            Path l3b = dir.resolve(PID + ".cfg");
            Files.writeString(l3b, Files.readString(NODE.resolve(PID + ".cfg")) + "\nexecutable = " + YggdrasilDaemons.V05
                    + "\ninterfaceName = none\nserviceUser =\n");
            return new Option[] {
                replaceConfigurationFile("etc/org.veilor.mesh.tailscale.cfg", NODE.resolve("org.veilor.mesh.tailscale.cfg").toFile()),
                replaceConfigurationFile("etc/" + PID + ".cfg", l3b.toFile()),
                editConfigurationFilePut("etc/org.veilor.mesh.cfg", "probeSeconds", String.valueOf(PROBE_SECONDS)),
                editConfigurationFilePut("etc/org.veilor.core.cfg", "hostRoot", dir.resolve("root").toString()),
                editConfigurationFilePut("etc/org.veilor.core.cfg", "executablePath", fakes.dir() + ":/usr/bin:/bin"),
                systemProperty("veilor.itest.yggDir").value(dir.toString()),
                systemProperty("veilor.assembly").value(System.getProperty("karaf.assembly")) };
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the L3b test", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            // best effort: /tmp is cleaned anyway
        }
    }

    private Path dir() {
        return Path.of(System.getProperty("veilor.itest.yggDir"));
    }

    private Path root() {
        return dir().resolve("root");
    }

    /** The public and failover peers, and the node's own daemon once the agent wrote its config. */
    private final class Mesh implements AutoCloseable {
        final YggdrasilDaemons daemons;
        final YggdrasilDaemons.Daemon publicPeer;
        final YggdrasilDaemons.Daemon failover;
        YggdrasilDaemons.Daemon own;

        Mesh(String name) throws Exception {
            daemons = new YggdrasilDaemons(YggdrasilDaemons.V05, dir().resolve(name));
            publicPeer = daemons.listener("public");
            failover = daemons.listener("failover");
        }

        /** Points L3b at these peers (as the operator edits the node profile) and starts the node on what the agent wrote. */
        void start() throws Exception {
            // The profile installer brings veilor-mesh in after boot; the agent activates on the node profile's file.
            Poll.until(Duration.ofSeconds(120), "the L3b layer", () -> l3b(executeJson("mesh:status --json")));
            Path key = root().resolve("etc/yggdrasil/private.pem");
            if (!Files.exists(key)) {
                String out = execute("ygg:keygen");
                assertTrue(out, out.startsWith("wrote a new key to /etc/yggdrasil/private.pem (0600)"));
            }
            putConfig(PID, Map.of("publicPeer", publicPeer.listenUri(), "failoverPeers", new String[] {failover.listenUri()}));
            Path conf = root().resolve("etc/yggdrasil/yggdrasil.conf");
            Poll.assertEventually(TIMEOUT, () -> assertTrue(Files.readString(conf).contains(publicPeer.listenUri())));
            Poll.assertEventually(TIMEOUT, () -> assertTrue(systemctl().contains(List.of("--no-block", "restart", "yggdrasil.service"))));
            // systemd's part: RuntimeDirectory, then the unit on the config the agent wrote.
            Files.createDirectories(root().resolve("run/yggdrasil"));
            own = daemons.start("node", conf);
        }

        @Override
        public void close() {
            daemons.close();
        }
    }

    private List<List<String>> systemctl() throws Exception {
        return new FakeExecutables(dir().resolve("bin")).calls("systemctl");
    }

    private JsonNode l3b(JsonNode status) {
        for (JsonNode l : status.get("layers")) {
            if (l.get("id").asText().equals("yggdrasil")) {
                return l;
            }
        }
        return null;
    }

    private JsonNode awaitL3b(String state) throws Exception {
        return Poll.until(Duration.ofSeconds(120), "L3b " + state, () -> {
            JsonNode l = l3b(executeJson("mesh:status --json"));
            return l != null && l.get("state").asText().equals(state) ? l : null;
        });
    }

    @Test
    public void meshStatusShowsL3bLiveFromARealDaemonAndSeesItDieAndComeBack() throws Exception {
        try (Mesh mesh = new Mesh("live")) {
            mesh.start();
            JsonNode idle = awaitL3b("idle");
            assertEquals("L3b", idle.get("layer").asText());
            String node = execute("ygg:address");
            String address = node.lines().findFirst().orElseThrow().substring("address ".length());
            assertTrue(idle.get("detail").asText(), idle.get("detail").asText().startsWith(address + "; 1 of 1 peers up: "
                    + mesh.publicPeer.listenUri() + "; yggdrasil 0.5.12"));
            assertTrue("the node profile's example key is still in", idle.get("detail").asText().contains("EXAMPLE key"));
            JsonNode status = executeJson("mesh:status --json");
            JsonNode one = status.get("floors").get(0);
            assertTrue(one.toString(), one.get("holds").asBoolean());
            assertTrue(one.toString(), one.get("reason").asText().contains("L3b yggdrasil (idle): peer " + mesh.publicPeer.listenUri()
                    + " is up and needs no DNS (IP literal)"));
            assertFalse("a tcp peer is no wss:443 peer", status.get("floors").get(1).get("holds").asBoolean());
            String text = execute("mesh:status");
            assertTrue(text, text.matches("(?s).*L3b Yggdrasil\\s*\\|\\s*yggdrasil\\s*\\|\\s*idle.*"));

            String ygg = execute("ygg:status");
            assertTrue(ygg, ygg.startsWith("L3b Yggdrasil: idle"));
            assertTrue(ygg, ygg.contains("yggdrasil 0.5.12 (0.5 dialect)"));
            assertTrue(ygg, ygg.matches("(?s).*" + java.util.regex.Pattern.quote(mesh.publicPeer.listenUri()) + "\\s*\\|\\s*up\\s*\\|\\s*"
                    + mesh.publicPeer.publicKey().substring(0, 16) + ".*"));
            assertTrue(ygg, ygg.contains("AllowedPublicKeys still holds the node profile's EXAMPLE key"));
            String conf = execute("ygg:config");
            assertTrue(conf, conf.contains("\"PrivateKeyPath\" : \"" + root().resolve("etc/yggdrasil/private.pem") + "\""));

            // Killed: seen within two probe periods (the supervisor stamps the change when its probe sees it).
            Instant killed = Instant.now();
            mesh.own.kill();
            JsonNode down = awaitL3b("down");
            assertTrue(down.get("detail").asText(), down.get("detail").asText().startsWith("daemon unreachable"));
            Duration seen = Duration.between(killed, Instant.parse(down.get("since").asText()));
            assertTrue("down seen after " + seen.toMillis() + " ms", seen.compareTo(Duration.ofSeconds(2L * PROBE_SECONDS)) <= 0);
            assertFalse(executeJson("mesh:status --json").get("floors").get(0).get("holds").asBoolean());

            // Restarted: seen again, within two probe periods too.
            mesh.own.start();
            Instant restarted = Instant.now();
            JsonNode back = awaitL3b("idle");
            Duration again = Duration.between(restarted, Instant.parse(back.get("since").asText()));
            assertTrue("idle again after " + again.toMillis() + " ms", again.compareTo(Duration.ofSeconds(2L * PROBE_SECONDS)) <= 0);
        }
    }

    @Test
    public void atV08WithL3aDownTheSupervisorPromotesL3bAndTheDaemonReportsTheFailoverPeer() throws Exception {
        Path tsStatus = dir().resolve("tailscale/status.json");
        try (Mesh mesh = new Mesh("failover")) {
            mesh.start();
            awaitL3b("idle");
            putConfig("org.veilor.core", Map.of("release", "v0.8"));
            Files.deleteIfExists(tsStatus);
            JsonNode active = awaitL3b("active");
            assertTrue(active.get("detail").asText(), active.get("detail").asText().contains(mesh.failover.listenUri()));
            JsonNode status = executeJson("mesh:status --json");
            assertEquals(List.of("yggdrasil"), List.of(status.get("failover").get("promoted").get(0).asText()));
            assertTrue(status.get("failover").get("lastAction").asText(), status.get("failover").get("lastAction").asText()
                    .startsWith("promoted L3b yggdrasil"));
            Poll.assertEventually(TIMEOUT, () -> {
                JsonNode y = executeJson("ygg:status --json");
                JsonNode failoverPeer = y.get("peers").get(1);
                assertEquals(mesh.failover.listenUri(), failoverPeer.get("uri").asText());
                assertTrue(y.toString(), failoverPeer.get("up").asBoolean());
                assertEquals("the daemon reports the failover peer's key", mesh.failover.publicKey(), failoverPeer.get("key").asText());
            });

            // L3a back: demoted, the failover peer removed from the daemon.
            Files.copy(dir().resolve("status-running.json"), tsStatus, StandardCopyOption.REPLACE_EXISTING);
            JsonNode idle = awaitL3b("idle");
            assertTrue(idle.get("detail").asText(), idle.get("detail").asText().contains("1 of 1 peers up"));
            Poll.assertEventually(TIMEOUT, () -> assertEquals(0, executeJson("ygg:status --json").get("otherPeersUp").asInt()));
        } finally {
            putConfig("org.veilor.core", Map.of("release", "v0.7"));
            if (!Files.exists(tsStatus)) {
                Files.copy(dir().resolve("status-running.json"), tsStatus);
            }
        }
    }

    @Test
    public void theImageTakesYggdrasilGoFromItsCoprAndTheLintAcceptsIt() throws Exception {
        if (!installed("veilor-image")) {
            installFeature("veilor-image");
        }
        // A signing key and the distribution artefact, as ImageIT configures them: a complete release tree.
        Path cosign = workDir("ygg-image").resolve("cosign.pub");
        if (!Files.exists(cosign)) {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            Files.writeString(cosign, "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                    g.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        }
        putConfig("org.veilor.image", Map.of("distribution", System.getProperty("veilor.assembly"), "cosignPublicKey", cosign.toString()));
        waitForCommand("image:render");
        Poll.assertEventually(TIMEOUT, () -> assertTrue(execute("config:list '(service.pid=org.veilor.image)'")
                .contains(System.getProperty("veilor.assembly"))));
        Poll.assertEventually(TIMEOUT, () -> assertTrue(execute("image:contributions").contains(PID)));
        Path tree = workDir("ygg-image").resolve("tree");
        execute("image:render --out " + tree);
        String recipe = Files.readString(tree.resolve("recipes/recipe.yml"));
        assertTrue(recipe, recipe.contains("repo: copr:copr.fedorainfracloud.org:neilalexander:yggdrasil-go"));
        assertTrue(recipe, recipe.matches("(?s).*- repo: copr:copr.fedorainfracloud.org:neilalexander:yggdrasil-go\\s+packages:\\s+- yggdrasil\\b.*"));
        assertTrue(recipe, recipe.contains("- yggdrasil.service") && recipe.contains("- veilor-yggdrasil-key.service"));
        String zone = Files.readString(tree.resolve("files/system/usr/lib/firewalld/zones/veilor-yggdrasil.xml"));
        assertTrue(zone, zone.contains("<interface name=\"ygg0\"/>") && !zone.contains("<port"));
        assertFalse(Files.readString(tree.resolve("files/system/usr/lib/firewalld/zones/veilor-tailnet.xml")).contains("ygg0"));
        String lint = execute("image:lint " + tree);
        assertTrue(lint, lint.contains(": 0 error(s), 4 warning(s)"));
        assertFalse(lint, lint.contains("image.yggdrasil-fedora"));
        assertTrue(lint, lint.contains("WARNING image.yggdrasil-example-key"));
    }
}
