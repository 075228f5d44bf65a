package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Principal;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.security.auth.Subject;
import org.apache.karaf.shell.api.console.Session;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.veilor.core.qr.QrCodes;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.HeadscaleNode;
import org.veilor.headscale.PreAuthKey;
import org.veilor.headscale.PreAuthKeyRequest;
import org.veilor.testsupport.FreePorts;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.headscale.FakeHeadscale;

/**
 * The veilor-headscale feature in the real distribution, against the fake Headscale of two dialects
 * (0.29 and 0.27; the real server cannot run here): the HeadscaleClient service, the headscale:*
 * commands, the configuration rule, and no secret in the log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HeadscaleIT extends VeilorTestSupport {

    private static final String PID = "org.veilor.headscale";
    private static final String API_KEY = "hskey-api-ItApiKey0001-" + "k".repeat(64);

    private FakeHeadscale fake;
    private Path keyFile;

    /**
     * The feature boots with the container: the probe holding this class is resolved at start, and
     * the class names the feature's types (a catch of HeadscaleException), so they must be there.
     */
    @Override
    protected Option[] extraOptions() {
        return new Option[] { editConfigurationFileExtend("etc/org.apache.karaf.features.cfg", "featuresBoot", "veilor-headscale") };
    }

    @Before
    public void start() throws Exception {
        fake = new FakeHeadscale("0.29.2", API_KEY);
        fake.addUser("operators");
        keyFile = workDir("headscale").resolve("headscale-api.key");
        Files.writeString(keyFile, API_KEY + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        assertTrue("veilor-headscale boots with the container", installed("veilor-headscale"));
        execute("log:set DEBUG org.veilor.headscale"); // even debug lines must not carry a key
        setConfig(PID, config(fake));
        Poll.assertEventually(TIMEOUT, () -> assertEquals(fake.url().toString(), awaitService(HeadscaleClient.class, null).serverUrl()));
        Poll.assertEventually(TIMEOUT, () -> execute("headscale:policy --history")); // the history is in the instance database
    }

    @After
    public void stop() {
        fake.close();
    }

    private Map<String, Object> config(FakeHeadscale server) {
        Map<String, Object> c = new HashMap<>();
        c.put("serverUrl", server.url().toString());
        c.put("apiKeyFile", keyFile.toString());
        c.put("hosts", new String[] { "onyx=100.64.0.1", "nullstone=100.64.0.2", "office=100.64.0.3", "x.veilor=100.64.0.2", "media=100.64.0.9" });
        c.put("seedHosts", new String[] { "media" });
        c.put("adminUsers", new String[] { "alice@" });
        c.put("taggedKeyUser", "operators");
        c.put("policyWatchSeconds", 2);
        c.put("policyPollSeconds", 1);
        return c;
    }

    @Test
    public void clientMintsFindsAndExpiresAgainstHeadscale029() throws Exception {
        HeadscaleClient client = awaitService(HeadscaleClient.class, null);
        assertEquals("0.29.2", client.serverVersion().version().toString());
        assertTrue(client.serverVersion().detected());
        Instant expiration = Instant.now().plus(24, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS).plusMillis(11);
        fake.loseNextAnswer();
        try {
            client.createPreAuthKey(PreAuthKeyRequest.tagged(List.of("tag:guest"), expiration, true));
            fail("the answer was lost");
        } catch (HeadscaleException e) {
            assertEquals(HeadscaleException.Kind.NO_ANSWER, e.kind());
        }
        List<PreAuthKey> found = client.findPreAuthKeys("tag:guest", expiration);
        assertEquals("the key created before the answer was lost is found by tag and expiration", 1, found.size());
        String secret = fake.keys().get(0).key();
        FakeHeadscale.StoredNode joined = fake.register(secret, "guest-laptop");
        HeadscaleNode node = client.findNodeByPreAuthKey(found.get(0)).orElseThrow();
        assertEquals(joined.id(), node.id());
        client.expirePreAuthKey(found.get(0));
        client.expireNode(node.id());
        assertTrue(fake.usableKeys("tag:guest").isEmpty());
        assertTrue(fake.nodes().get(0).expiry() != null);
        assertNoSecretLogged(secret);
    }

    @Test
    public void policyIsPushedOnlyWhenItsChecksPass() throws Exception {
        String out = execute("headscale:policy --push --yes");
        assertTrue(out, out.contains("All 9 checks passed."));
        assertTrue(out, out.contains(" to " + fake.url() + " (Headscale 0.29.2): stored at "));
        assertTrue(out, out.contains(" is the last good policy."));
        assertTrue(fake.policy(), fake.policy().contains("\"tests\": ["));

        Path leaky = workDir("headscale").resolve("leaky.hujson");
        Files.writeString(leaky, fake.policy().replace("\"dst\": [\"*:*\"]}", "\"dst\": [\"*:*\"]},\n    {\"action\": \"accept\", \"src\": [\"tag:guest\"], \"dst\": [\"*:*\"]}"));
        String before = fake.policy();
        try {
            execute("headscale:policy --push --file " + leaky);
            fail("a leaky policy must be refused");
        } catch (CommandFailed e) {
            assertTrue(e.getMessage(), e.getMessage().contains("policy refused"));
            assertTrue(e.getMessage(), e.getMessage().contains("acls[1] {\"action\":\"accept\",\"src\":[\"tag:guest\"],\"dst\":[\"*:*\"]}"));
            assertTrue(e.getMessage(), e.getMessage().contains("lets tag:guest reach *:*"));
        }
        assertEquals("nothing was pushed", before, fake.policy());
    }

    /**
     * The policy change in the distribution: a diff in words, a loss confirmed (or not) at the shell
     * prompt by a logged-in user, the history in the instance database, the automatic rollback when
     * an admin machine drops, and a hand-edited file that is not HuJSON.
     */
    @Test
    public void policyDiffConfirmationHistoryAndKeepLastGood() throws Exception {
        FakeHeadscale.StoredNode onyx = fake.join("onyx", List.of("tag:admin"));
        fake.join("failsafe", List.of("tag:admin"));
        fake.join("nullstone", List.of("tag:infra"));
        String first = execute("headscale:policy --push --yes --quiet");
        assertTrue(first, first.contains(" is the last good policy."));
        String tier = fake.policy();

        // a change made on the server outside Veilor: SSH from infra to admin
        awaitService(HeadscaleClient.class, null).setPolicy(tier.replace("\"acls\": [\n",
                "\"acls\": [\n    {\"action\": \"accept\", \"src\": [\"tag:infra\"], \"dst\": [\"tag:admin:22\"]},\n"));
        String diff = execute("headscale:policy --diff");
        assertTrue(diff, diff.contains("\n  tag:infra loses tag:admin:22\n  tag:infra loses onyx:22\n"));
        JsonNode json = executeJson("headscale:policy --diff --json");
        assertEquals("tag:infra loses tag:admin:22", json.path("losses").get(0).path("text").asText());

        try {
            executeAs("alice", "no\n", "headscale:policy --push --quiet");
            fail("answered no");
        } catch (CommandFailed e) {
            assertTrue(e.getMessage(), e.getMessage().contains("not confirmed: nothing was pushed"));
        }
        String yes = executeAs("alice", "yes\n", "headscale:policy --push --quiet");
        assertTrue(yes, yes.contains("Push and lose 2 pair(s)? (yes/no): "));
        assertEquals(tier, fake.policy());
        JsonNode history = JSON.readTree(execute("headscale:policy --history --json"));
        assertEquals("the shell user is recorded", "alice", history.get(0).path("pushedBy").asText());
        assertEquals("good", history.get(0).path("state").asText());
        assertEquals(2, history.get(0).path("lost").asInt());

        fake.onPolicyStored(p -> fake.online(onyx.id(), !p.contains("cuts onyx off")));
        Path bad = workDir("headscale").resolve("cuts-onyx-off.hujson");
        Files.writeString(bad, tier.replace("\"acls\": [", "\"acls\": [\n    // cuts onyx off"));
        try {
            execute("headscale:policy --push --quiet --file " + bad);
            fail("onyx went offline");
        } catch (CommandFailed e) {
            assertTrue(e.getMessage(), e.getMessage().contains(" ended rolled-back: ERROR headscale.policy-rolled-back"));
        }
        assertEquals("the last good policy is back", tier, fake.policy());
        assertTrue(fake.online(onyx.id()));
        history = JSON.readTree(execute("headscale:policy --history --json"));
        assertEquals("restored", history.get(0).path("state").asText());
        assertEquals("keep-last-good", history.get(0).path("pushedBy").asText());
        assertEquals("rolled-back", history.get(1).path("state").asText());
        assertEquals("ERROR", history.get(1).path("finding").path("severity").asText());

        Path broken = workDir("headscale").resolve("broken.hujson");
        Files.writeString(broken, "{\n  \"acls\": [\n    {\"action\": \"accept\" \"src\": [\"tag:guest\"], \"dst\": [\"x.veilor:443\"]}\n  ]\n}\n");
        try {
            execute("headscale:policy --diff --file " + broken);
            fail("not HuJSON");
        } catch (CommandFailed e) {
            assertTrue(e.getMessage(), e.getMessage().contains("policy file " + broken + " is not HuJSON (JSON with // and /* */ comments "
                    + "and trailing commas): line 3, column 25: "));
        }
    }

    @Test
    public void mintKeysAndFailsafeCommands() throws Exception {
        String minted = execute("headscale:mint --tags tag:guest --ttl 24h --reusable");
        FakeHeadscale.StoredKey key = fake.keys().get(0);
        assertTrue(minted, minted.contains("Shown once; Veilor does not store it:\n" + key.key()));
        String keys = execute("headscale:keys --tag tag:guest");
        assertFalse(keys, keys.contains(key.key()));
        assertTrue(keys, keys.contains(key.key().substring(0, 23) + "-***"));

        Path sheet = workDir("headscale").resolve("failsafe-" + System.nanoTime());
        String out = execute("headscale:failsafe --out " + sheet);
        FakeHeadscale.StoredKey admin = fake.keys().get(1);
        assertEquals(List.of("tag:admin"), admin.tags());
        assertFalse(out, out.contains(admin.key()));
        Path png;
        try (Stream<Path> files = Files.list(sheet)) {
            png = files.filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
        }
        assertEquals("the sheet's QR decodes to the key", admin.key(), QrCodes.decode(Files.readAllBytes(png)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(png)));

        String revoked = execute("headscale:revoke " + admin.id());
        assertTrue(revoked, revoked.contains("Expired pre-auth key " + admin.id()));
        assertTrue(fake.usableKeys("tag:admin").isEmpty());
        assertNoSecretLogged(key.key());
        assertNoSecretLogged(admin.key());
    }

    @Test
    public void olderDialectErrorsAndTheConfigurationRule() throws Exception {
        HeadscaleClient client = awaitService(HeadscaleClient.class, null);
        try (FakeHeadscale old = new FakeHeadscale("0.27.1", API_KEY)) {
            old.addUser("operators");
            setConfig(PID, config(old));
            Poll.assertEventually(TIMEOUT, () -> assertEquals("0.27.1", client.serverVersion().version().toString()));
            String status = execute("headscale:status");
            assertTrue(status, status.contains("user by ID, required"));
            assertTrue(status, status.contains("tests not accepted"));
            execute("headscale:mint --tags tag:infra --ttl 1h");
            assertEquals("the configured taggedKeyUser owns it", "1", old.keys().get(0).userId());
            String policy = execute("headscale:policy --push --yes --quiet");
            assertTrue(policy, policy.contains("Checked for Headscale 0.27.1"));
            assertFalse("no tests for 0.27", old.policy().contains("\"tests\""));

            Files.writeString(keyFile, "hskey-api-wrongwrongwr-" + "w".repeat(64));
            try {
                execute("headscale:keys");
                fail("wrong key");
            } catch (CommandFailed e) {
                assertTrue(e.getMessage(), e.getMessage().contains("API key rejected by Headscale at " + old.url() + " (HTTP 401)"));
                assertFalse(e.getMessage(), e.getMessage().contains("wrongwrong"));
            }
            Files.writeString(keyFile, API_KEY);
        }

        Map<String, Object> down = config(fake);
        down.put("serverUrl", "http://127.0.0.1:" + FreePorts.next());
        setConfig(PID, down);
        Poll.assertEventually(TIMEOUT, () -> {
            try {
                execute("headscale:keys");
                fail("nothing listens there");
            } catch (CommandFailed e) {
                assertTrue(e.getMessage(), e.getMessage().contains("Headscale unreachable at " + down.get("serverUrl")));
            }
        });

        Map<String, Object> bad = config(fake);
        bad.put("serverUrl", "not a url");
        setConfig(PID, bad);
        Poll.assertEventually(TIMEOUT, () -> {
            String detail = CoreIT.component(executeJson("veilor:status --json"), "org.veilor.headscale.client").get("detail").asText();
            assertTrue(detail, detail.startsWith("running on previous configuration: org.veilor.headscale: serverUrl = 'not a url' is invalid"));
        });
        assertEquals("the client keeps its last valid server", down.get("serverUrl"), client.serverUrl());
    }

    /**
     * Runs a command in an interactive session of a logged-in shell user (the JAAS subject an SSH
     * login carries) who types {@code typed} at any prompt. The session has a terminal (a dumb one
     * over the given streams), as an SSH shell has; a session without one cannot ask.
     */
    private String executeAs(String user, String typed, String command) throws Exception {
        waitForCommand(command.strip().split("\\s+")[0]);
        // the principal type of Karaf's logins, from the system bundle's boot classpath (no compile dependency)
        Class<?> type = Class.forName("org.apache.karaf.jaas.boot.principal.UserPrincipal");
        Subject subject = new Subject();
        subject.getPrincipals().add((Principal) type.getConstructor(String.class).newInstance(user));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try {
            return Subject.doAs(subject, (PrivilegedExceptionAction<String>) () -> {
                Session session = sessionFactory.create(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), out, out, null,
                        "UTF-8", null);
                try {
                    session.execute(command);
                } catch (Exception e) {
                    throw new CommandFailed(command, bytes.toString(StandardCharsets.UTF_8), e);
                } finally {
                    session.close();
                }
                return bytes.toString(StandardCharsets.UTF_8);
            });
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
    }

    /** Neither the API key nor a minted key reaches the log (which does hold the client's own lines). */
    private void assertNoSecretLogged(String secret) throws Exception {
        Path log = Path.of(bundleContext.getProperty("karaf.data"), "log", "karaf.log");
        String text = Files.readString(log);
        assertTrue("the log is the one the bundle writes to", text.contains("Headscale client for "));
        assertFalse("the API key is in karaf.log", text.contains(API_KEY));
        assertFalse("a pre-auth key is in karaf.log", text.contains(secret));
    }
}
