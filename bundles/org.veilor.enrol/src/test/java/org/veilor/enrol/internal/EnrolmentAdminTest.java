package org.veilor.enrol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.enrol.Enrolment;
import org.veilor.enrol.EnrolmentException;
import org.veilor.enrol.EnrolmentState;
import org.veilor.enrol.MintAttempt;
import org.veilor.testsupport.Poll;
import org.veilor.headscale.PreAuthKeyRequest;
import org.veilor.testsupport.headscale.FakeHeadscale;
import org.veilor.testsupport.misskey.FakeMisskey;

/** The operator's actions (mint by hand, revoke, reissue, retry), expiry, concurrent opens and Headscale before 0.28. */
class EnrolmentAdminTest {

    @TempDir
    Path dir;

    EnrolFixture f;

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private Enrolment delivered(String name) throws Exception {
        return Flow.await(f, Flow.id(f.signup(name)), EnrolmentState.DELIVERED);
    }

    @Test
    void revokeExpiresTheKeyAndTheNodeThatJoinedWithIt() throws Exception {
        f = new EnrolFixture("h2", dir);
        f.start();
        Enrolment e = delivered("dave");
        String key = Flow.reveal(f, Flow.token(f, e.misskeyUserId()));
        FakeHeadscale.StoredNode node = f.headscale.register(key, "daves-laptop");
        List<String> done = f.engine.revoke(e.id());
        assertTrue(done.contains("Expired pre-auth key " + e.keyId() + " (" + e.keyMasked() + ")."), done.toString());
        assertTrue(done.contains("Expired node " + node.id() + " (daves-laptop) that joined with it: it must log in again."), done.toString());
        assertTrue(f.headscale.usableKeys("tag:guest").isEmpty());
        assertTrue(f.headscale.nodes().get(0).expiry() != null);
        assertEquals(EnrolmentState.REVOKED, f.engine.find(e.id()).orElseThrow().state());
        PageHandler.Page page = f.engine.pages().open(Flow.token(f, e.misskeyUserId()));
        assertEquals(410, page.status());
        assertTrue(page.html().contains("revoked"), page.html());
        EnrolmentException twice = assertThrows(EnrolmentException.class, () -> f.engine.revoke(e.id()));
        assertEquals("enrolment " + e.id() + " is already revoked", twice.getMessage());
        assertThrows(EnrolmentException.class, () -> f.engine.revoke(999));
    }

    @Test
    void reissueExpiresTheOldKeyAndSendsANewLink() throws Exception {
        f = new EnrolFixture("h2", dir);
        f.start();
        Enrolment e = delivered("erin");
        String oldToken = Flow.token(f, e.misskeyUserId());
        f.engine.reissue(e.id());
        Poll.assertEventually(Flow.TIMEOUT, () -> assertEquals(2, f.misskey.dmsTo(e.misskeyUserId()).size()));
        Enrolment again = Flow.await(f, e.id(), EnrolmentState.DELIVERED);
        assertEquals(2, again.generation());
        assertFalse(again.keyId().equals(e.keyId()));
        assertEquals(List.of(again.keyId()), f.headscale.usableKeys("tag:guest").stream().map(FakeHeadscale.StoredKey::id).toList(),
                "only the new key is valid");
        assertEquals(404, f.engine.pages().open(oldToken).status(), "the old link is gone");
        String newToken = Flow.token(f.misskey.dmsTo(e.misskeyUserId()).get(1));
        assertFalse(newToken.equals(oldToken));
        assertEquals(f.headscale.usableKeys("tag:guest").get(0).key(), Flow.reveal(f, newToken));
        List<MintAttempt> attempts = f.engine.attempts(e.id());
        assertEquals(List.of("superseded", "created"), attempts.stream().map(MintAttempt::outcome).toList());
    }

    @Test
    void aFailedEnrolmentKeepsItsReasonAndRetryFinishesIt() throws Exception {
        f = new EnrolFixture("h2", dir);
        f.settings = f.settings(2, 3);
        f.secret("misskey.token", "a-token-misskey-does-not-know");
        f.start();
        long id = Flow.id(f.signup("frank"));
        Enrolment failed = Flow.await(f, id, EnrolmentState.FAILED);
        assertEquals(3, failed.attempts());
        assertTrue(failed.reason().contains("HTTP 401 AUTHENTICATION_FAILED"), failed.reason());
        assertTrue(failed.reason().contains("check the token in " + dir.resolve("misskey.token")), failed.reason());
        assertFalse(failed.reason().contains("a-token-misskey"), "the token is never in a message");
        f.secret("misskey.token", EnrolFixture.TOKEN);
        Enrolment retried = f.engine.retry(id);
        assertEquals(EnrolmentState.MINTED, retried.state(), "it resumes at the step that failed: the key is kept");
        Flow.await(f, id, EnrolmentState.DELIVERED);
        assertEquals(1, f.headscale.keys().size(), "no second key");
        EnrolmentException nothing = assertThrows(EnrolmentException.class, () -> f.engine.retry(id));
        assertEquals("enrolment " + id + " is delivered: nothing to retry", nothing.getMessage());
        Flow.exactlyOneValidKeyPerUser(f, 1);
    }

    @Test
    void mintByHandResolvesTheUserAndTakesTheSamePath() throws Exception {
        f = new EnrolFixture("h2", dir);
        f.start();
        String gina = f.misskey.addUser("gina").id();
        Enrolment e = f.engine.mint("@gina");
        assertEquals("manual", e.origin());
        assertEquals(gina, e.misskeyUserId());
        Flow.await(f, e.id(), EnrolmentState.DELIVERED);
        EnrolmentException twice = assertThrows(EnrolmentException.class, () -> f.engine.mint("gina"));
        assertEquals("@gina is already enrolled (enrolment " + e.id() + "); enrol:reissue " + e.id() + " sends a new key", twice.getMessage());
        EnrolmentException unknown = assertThrows(EnrolmentException.class, () -> f.engine.mint("nobody"));
        assertTrue(unknown.getMessage().endsWith("has no local user @nobody"), unknown.getMessage());
        assertThrows(EnrolmentException.class, () -> f.engine.mint("a b"));
        Flow.exactlyOneValidKeyPerUser(f, 1);
    }

    @Test
    void aCrashedRunsLeaseAndLostMintAreTakenOverAtStart() throws Exception {
        f = new EnrolFixture("h2", dir);
        // the state a crash leaves: an enrolment leased by this instance's previous run, and a
        // recorded mint attempt whose key Headscale made but whose answer never came
        FakeMisskey.User lee = f.misskey.addUser("lee");
        EnrolmentStore store = new EnrolmentStore(f.dataSource);
        long now = System.currentTimeMillis();
        long id = store.receive(lee.id(), "lee", "webhook", "event-lee", null, now).enrolmentId();
        assertTrue(store.claim(id, "test-instance", now, now + EnrolmentEngine.LEASE.toMillis()));
        long expiration = now + Duration.ofHours(24).toMillis();
        assertTrue(new AttemptStore(store.jdbc()).begin(expiration, id, now));
        f.client.createPreAuthKey(PreAuthKeyRequest.tagged(List.of("tag:guest"), Instant.ofEpochMilli(expiration), true));
        f.start();
        Enrolment e = Flow.await(f, id, EnrolmentState.DELIVERED);
        assertEquals(List.of("reconciled", "created"), f.engine.attempts(id).stream().map(MintAttempt::outcome).toList());
        assertEquals(1, f.engine.attempts(id).get(0).strays(), "the key of the lost answer was found and expired");
        assertEquals(2, f.headscale.keys().size());
        assertEquals(e.keyId(), f.headscale.usableKeys("tag:guest").get(0).id());
        Flow.exactlyOneValidKeyPerUser(f, 1);
    }

    @Test
    void anExpiredKeysPageAnswers410() throws Exception {
        f = new EnrolFixture("h2", dir);
        f.start();
        Enrolment e = delivered("hank");
        String token = Flow.token(f, e.misskeyUserId());
        f.clock.advance(Duration.ofHours(24).plusMinutes(1));
        PageHandler.Page page = f.engine.pages().reveal(token);
        assertEquals(410, page.status());
        assertTrue(page.html().contains("This key has expired") && page.html().contains("Ask an administrator for a new link."), page.html());
    }

    @Test
    void aKeyThatExpiredBeforeItsDmWentOutIsReplaced() throws Exception {
        f = new EnrolFixture("h2", dir);
        f.start();
        f.misskey.unavailable(true);
        long id = Flow.id(f.signup("ivan"));
        // Wait for the DM try to have failed, not just for MINTED: the worker may be between its
        // expiry check and the DM, and the world must not change under a try in flight.
        org.veilor.testsupport.Poll.assertEventually(Flow.TIMEOUT, () -> {
            Enrolment e = f.engine.find(id).orElseThrow();
            assertEquals(EnrolmentState.MINTED, e.state());
            assertTrue(e.attempts() >= 1 && e.reason() != null && e.reason().contains("HTTP 502"), e::toString);
        });
        f.clock.advance(Duration.ofHours(25)); // the retry waits on this clock: nothing is in flight now
        f.misskey.unavailable(false);
        Enrolment e = Flow.await(f, id, EnrolmentState.DELIVERED);
        assertEquals(2, e.generation());
        assertEquals(2, f.headscale.keys().size());
        assertEquals(1, f.misskey.dmsTo(e.misskeyUserId()).size());
    }

    @Test
    void thePageOpenedTwiceAtOnceShowsTheKeyOnce() throws Exception {
        f = new EnrolFixture("h2", dir);
        f.start();
        Enrolment e = delivered("jane");
        String token = Flow.token(f, e.misskeyUserId());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<PageHandler.Page>> pages = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                pages.add(pool.submit((Callable<PageHandler.Page>) () -> f.engine.pages().reveal(token)));
            }
            int shown = 0;
            for (Future<PageHandler.Page> p : pages) {
                int status = p.get().status();
                assertTrue(status == 200 || status == 410, "status " + status);
                shown += status == 200 ? 1 : 0;
            }
            assertEquals(1, shown);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void headscaleBefore028NeedsTheGuestsUser() throws Exception {
        f = new EnrolFixture("h2", dir, "0.27.1");
        f.settings = f.settings(2, 2);
        f.start();
        long id = Flow.id(f.signup("kim"));
        Enrolment failed = Flow.await(f, id, EnrolmentState.FAILED);
        assertTrue(failed.reason().contains("needs a user for every pre-auth key: set guestUser in org.veilor.enrol"), failed.reason());
        f.stop();
        EnrolSettings s = f.settings;
        f.settings = new EnrolSettings(s.misskeyUrl(), s.tokenFile(), s.webhookSecretFile(), s.atRestKeyFile(), s.publicUrl(), s.keyTtl(),
                s.reusable(), s.tags(), "guests", s.webhookMaxBytes(), s.workers(), s.maxAttempts(), s.retry(), s.misskeyTimeout(), s.dmText(),
                s.newKeyHelp());
        f.start();
        f.engine.retry(id);
        Enrolment e = Flow.await(f, id, EnrolmentState.DELIVERED);
        assertEquals("guests", f.headscale.users().get(0).name(), "the guests user is created when missing");
        FakeHeadscale.StoredKey key = f.headscale.keys().get(0);
        assertEquals(f.headscale.users().get(0).id(), key.userId());
        assertEquals(48, key.key().length(), "a legacy key");
        assertEquals(key.key(), Flow.reveal(f, Flow.token(f, e.misskeyUserId())));
        f.engine.revoke(id);
        assertTrue(f.headscale.usableKeys("tag:guest").isEmpty(), "expired by user and key text before 0.28");
    }
}
