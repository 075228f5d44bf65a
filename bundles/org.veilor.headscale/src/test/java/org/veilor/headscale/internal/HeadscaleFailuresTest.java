package org.veilor.headscale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.HeadscaleException.Kind;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.PreAuthKey;
import org.veilor.headscale.PreAuthKeyRequest;
import org.veilor.headscale.ServerVersion;
import org.veilor.testsupport.FreePorts;
import org.veilor.testsupport.headscale.FakeHeadscale;

/** The documented failure modes, as the client reports them: each a clear message, never a secret. */
class HeadscaleFailuresTest {

    @TempDir
    Path dir;
    private FakeHeadscale fake;

    @AfterEach
    void close() {
        if (fake != null) {
            fake.close();
        }
    }

    private RestHeadscaleClient client(String version, String keyInFile) throws Exception {
        fake = new FakeHeadscale(version, Fixtures.API_KEY);
        return Fixtures.client(fake.url().toString(), Fixtures.keyFile(dir, keyInFile));
    }

    @Test
    void wrongApiKeyIsRejectedWithoutShowingIt() throws Exception {
        String wrong = "hskey-api-ZZZZZZZZZZZZ-" + "z".repeat(64);
        RestHeadscaleClient c = client("0.29.2", wrong);
        HeadscaleException e = assertThrows(HeadscaleException.class, c::listNodes);
        assertEquals(Kind.UNAUTHORIZED, e.kind());
        assertEquals(401, e.httpStatus());
        assertTrue(e.getMessage().startsWith("API key rejected by Headscale at " + fake.url() + " (HTTP 401)"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("headscale-api.key").toString()), "names the file: " + e.getMessage());
        assertFalse(e.getMessage().contains(wrong) || e.getMessage().contains("ZZZZZZZZ"), "never the key: " + e.getMessage());
    }

    @Test
    void connectionRefusedSaysUnreachable() throws Exception {
        int port = FreePorts.next();
        RestHeadscaleClient c = Fixtures.client("http://127.0.0.1:" + port, Fixtures.keyFile(dir, Fixtures.API_KEY));
        HeadscaleException e = assertThrows(HeadscaleException.class, c::listNodes);
        assertEquals(Kind.UNREACHABLE, e.kind());
        assertFalse(e.kind().mayHaveActed(), "nothing was sent");
        assertTrue(e.getMessage().startsWith("Headscale unreachable at http://127.0.0.1:" + port + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(while trying to list nodes)"), e.getMessage());
        ServerVersion v = c.serverVersion();
        assertFalse(v.detected());
        assertEquals(HeadscaleVersion.parse("0.29.2"), v.version(), "the configured version stands in");
        assertTrue(v.source().startsWith("configured; http://127.0.0.1:" + port + "/version could not be read: Headscale unreachable"), v.source());
    }

    @Test
    void answerLostAfterTheKeyWasCreatedIsReconciledByExpiration() throws Exception {
        RestHeadscaleClient c = client("0.29.2", Fixtures.API_KEY);
        c.serverVersion();
        Instant expiration = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS).plusMillis(3);
        fake.loseNextAnswer();
        HeadscaleException e = assertThrows(HeadscaleException.class,
                () -> c.createPreAuthKey(PreAuthKeyRequest.tagged(List.of("tag:guest"), expiration, true)));
        assertEquals(Kind.NO_ANSWER, e.kind());
        assertTrue(e.kind().mayHaveActed());
        assertTrue(e.getMessage().contains("closed the connection without answering when asked to create a pre-auth key tagged tag:guest; it may have done it"),
                e.getMessage());
        assertEquals(1, fake.usableKeys("tag:guest").size(), "the server did create it");
        List<PreAuthKey> strays = c.findPreAuthKeys("tag:guest", expiration);
        assertEquals(1, strays.size());
        c.expirePreAuthKey(strays.get(0));
        assertTrue(fake.usableKeys("tag:guest").isEmpty(), "no orphan valid key is left");
    }

    @Test
    void mintingReconcilesWhenTheServerFailsAfterActing() throws Exception {
        RestHeadscaleClient c = client("0.28.0", Fixtures.API_KEY);
        fake.failNextAfterActing(1);
        HeadscaleException e = assertThrows(HeadscaleException.class,
                () -> KeyMinter.mint(c, null, List.of("tag:admin"), Duration.ofDays(1), false, false));
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertTrue(e.getMessage().contains("Veilor expired the key(s) it may have created (1); run the command again"), e.getMessage());
        assertTrue(fake.usableKeys("tag:admin").isEmpty());
        PreAuthKey again = KeyMinter.mint(c, null, List.of("tag:admin"), Duration.ofDays(1), false, false);
        assertEquals(List.of(again.id()), fake.usableKeys("tag:admin").stream().map(FakeHeadscale.StoredKey::id).toList());
    }

    @Test
    void aProxyAnswering503IsTransient() throws Exception {
        RestHeadscaleClient c = client("0.29.2", Fixtures.API_KEY);
        fake.unavailable(true);
        HeadscaleException e = assertThrows(HeadscaleException.class, c::health);
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertTrue(e.kind().isTransient());
        assertEquals("Headscale failed to check its health (HTTP 503): Service Unavailable", e.getMessage());
        fake.unavailable(false);
        assertTrue(c.health());
    }

    @Test
    void noAnswerInTimeMayHaveActed() throws Exception {
        fake = new FakeHeadscale("0.29.2", Fixtures.API_KEY);
        RestHeadscaleClient c = RestHeadscaleClient.create(fake.url().toString(), Fixtures.keyFile(dir, Fixtures.API_KEY),
                HeadscaleVersion.parse("0.29.2"), Duration.ofSeconds(1));
        c.serverVersion();
        fake.delay(2500);
        HeadscaleException e = assertThrows(HeadscaleException.class, c::listNodes);
        fake.delay(0);
        assertEquals(Kind.NO_ANSWER, e.kind());
        assertEquals("Headscale at " + fake.url() + " did not answer within 1 s when asked to list nodes; it may have done it", e.getMessage());
    }

    @Test
    void versionFallsBackToConfiguredWhenNotPublished() throws Exception {
        RestHeadscaleClient c = client("0.27.1", Fixtures.API_KEY);
        fake.versionEndpoint(false);
        ServerVersion v = c.refreshVersion();
        assertFalse(v.detected());
        assertEquals("0.29.2", v.version().toString());
        assertEquals("configured; " + fake.url() + "/version answered HTTP 404", v.source());
        fake.versionEndpoint(true);
        assertEquals("0.27.1", c.refreshVersion().version().toString());
    }

    @Test
    void apiKeyFileMustBePrivateAndPresent() throws Exception {
        RestHeadscaleClient c = client("0.29.2", Fixtures.API_KEY);
        Path key = dir.resolve("headscale-api.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        HeadscaleException open = assertThrows(HeadscaleException.class, c::listNodes);
        assertEquals(Kind.LOCAL_SETUP, open.kind());
        assertEquals("the API key file " + key + " is open to other users (mode 0644); run: chmod 600 " + key, open.getMessage());
        assertTrue(fake.requests().isEmpty(), "the key was not sent");
        Files.delete(key);
        HeadscaleException missing = assertThrows(HeadscaleException.class, c::listNodes);
        assertTrue(missing.getMessage().startsWith("the API key file " + key + " does not exist; create it with: headscale apikeys create"),
                missing.getMessage());
    }

    @Test
    void keysInServerMessagesAreRedacted() {
        String key48 = "0123456789abcdef0123456789abcdef0123456789abcdef";
        String keyNew = "hskey-auth-AbCdEfGhIj-_-" + "x".repeat(64);
        String text = HeadscaleErrors.redact("AuthKey " + key48 + " and " + keyNew + " and abcDEF1.0123456789abcdef0123456789abcdef rejected");
        assertEquals("AuthKey *** and *** and *** rejected", text);
        PreAuthKey k = new PreAuthKey("7", keyNew, null, false, false, false, Instant.EPOCH, null, List.of("tag:guest"));
        assertFalse(k.toString().contains(keyNew.substring(24)), k.toString());
        assertEquals("hskey-auth-AbCdEfGhIj-_-***", k.masked());
    }
}
