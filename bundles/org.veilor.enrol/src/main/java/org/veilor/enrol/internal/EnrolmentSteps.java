package org.veilor.enrol.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.enrol.EnrolmentState;
import org.veilor.enrol.internal.OrphanFreeMinter.Minted;
import org.veilor.enrol.internal.SecretFile.SecretFileException;
import org.veilor.headscale.HeadscaleException;

/**
 * The worker's steps for one claimed enrolment: mint (received → minted) and deliver (minted →
 * delivered), each recorded before and after it acts; a failure is counted and retried with
 * backoff, and marked failed with its reason when the tries run out.
 */
final class EnrolmentSteps {

    private final Logger logger = LoggerFactory.getLogger(EnrolmentSteps.class);
    private final EnrolmentStore store;
    private final AttemptStore attempts;
    private final OrphanFreeMinter minter;
    private final MisskeyClient misskey;
    private final KeySealer sealer;
    private final EnrolSettings settings;
    private final Clock clock;

    EnrolmentSteps(EnrolmentStore store, AttemptStore attempts, OrphanFreeMinter minter, MisskeyClient misskey, KeySealer sealer,
            EnrolSettings settings, Clock clock) {
        this.store = store;
        this.attempts = attempts;
        this.minter = minter;
        this.misskey = misskey;
        this.sealer = sealer;
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs the due steps of an enrolment whose lease this worker holds, and gives the lease back. */
    void process(long id, String owner) {
        StoredEnrolment e = null;
        try {
            e = store.load(id).orElse(null);
            if (e != null && e.state() == EnrolmentState.RECEIVED) {
                mint(e);
                e = store.load(id).orElse(null);
            }
            if (e != null && e.state() == EnrolmentState.MINTED) {
                deliver(e, owner);
            } else {
                store.release(id, owner);
            }
        } catch (HeadscaleException | MisskeyException | SecretFileException | SQLException ex) {
            failed(id, e, owner, ex.getMessage(), ex instanceof MisskeyException m ? m.retryAfter() : null);
            logger.debug("enrolment {}: try failed", id, ex);
        } catch (RuntimeException ex) {
            logger.error("enrolment {}: unexpected failure", id, ex);
            failed(id, e, owner, "unexpected failure: " + ex, null);
        }
    }

    private void mint(StoredEnrolment e) throws HeadscaleException, SecretFileException, SQLException {
        sealer.check(); // a key that could not be sealed must not be minted
        Minted m = minter.mint(e.id(), settings);
        String key = m.key().key();
        String sealed = sealer.seal(key, e.id(), e.generation());
        String pageHash = KeySealer.tokenHash(sealer.pageToken(e.id(), e.generation()));
        long now = clock.millis();
        boolean recorded = store.jdbc().tx(c -> {
            if (!store.minted(c, e.id(), m.key().id(), m.key().masked(), m.expirationMs(), KeySealer.fingerprint(key), sealed, pageHash, now)) {
                return false;
            }
            AttemptStore.settle(c, m.expirationMs(), AttemptStore.CREATED);
            return true;
        });
        if (!recorded) {
            minter.discard(e.id(), m); // revoked or restarted meanwhile: this key is nobody's
            return;
        }
        logger.info("enrolment {} (@{}): minted pre-auth key {} {}, expires {}", e.id(), e.username(), m.key().id(), m.key().masked(),
                Instant.ofEpochMilli(m.expirationMs()));
    }

    private void deliver(StoredEnrolment e, String owner) throws MisskeyException, SecretFileException, SQLException {
        long now = clock.millis();
        if (e.keyExpiredAt(now)) {
            // the DM could not go out while the key was valid: a new key, a new link
            store.jdbc().tx(c -> {
                AttemptStore.supersede(c, e.id());
                return store.restart(c, e.id(), e.generation(), now);
            });
            store.release(e.id(), owner);
            logger.info("enrolment {}: key {} expired before its DM went out; minting a new one", e.id(), e.keyId());
            return;
        }
        String link = link(e);
        if (e.dmStartedAt() != null) {
            Optional<String> sent = misskey.findDm(e.misskeyUserId(), link, Instant.ofEpochMilli(e.dmStartedAt()).minus(Duration.ofMinutes(5)));
            if (sent.isPresent()) {
                store.delivered(e.id(), e.generation(), owner, sent.get(), clock.millis());
                logger.info("enrolment {} (@{}): DM {} found, sent before its answer was lost", e.id(), e.username(), sent.get());
                return;
            }
        }
        store.dmStarted(e.id(), now);
        String noteId;
        try {
            noteId = misskey.sendDm(e.misskeyUserId(), text(e, link));
        } catch (MisskeyException ex) {
            if (!ex.kind().mayHaveActed()) {
                store.dmNotSent(e.id());
            }
            throw ex;
        }
        store.delivered(e.id(), e.generation(), owner, noteId, clock.millis());
        logger.info("enrolment {} (@{}): DM {} sent with the page link", e.id(), e.username(), noteId);
    }

    String link(StoredEnrolment e) throws SecretFileException {
        return settings.publicUrl() + "/enrol/k/" + sealer.pageToken(e.id(), e.generation());
    }

    private String text(StoredEnrolment e, String link) {
        long hours = Math.max(1, Duration.ofMillis(e.keyExpiresAt() - clock.millis()).toHours());
        return settings.dmText().replace("{username}", e.username()).replace("{hours}", Long.toString(hours)).replace("{link}", link);
    }

    private void failed(long id, StoredEnrolment e, String owner, String reason, Duration retryAfter) {
        int tries = (e == null ? 0 : e.attempts()) + 1;
        long now = clock.millis();
        Long next = null;
        if (tries < settings.maxAttempts()) {
            Duration wait = settings.retry().after(tries);
            if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
                wait = retryAfter;
            }
            next = now + wait.toMillis();
        }
        try {
            store.failed(id, owner, reason, tries, next, now);
        } catch (SQLException ex) {
            logger.warn("enrolment {}: cannot record a failed try ({}); its lease runs out and it is tried again", id, ex.getMessage());
            return;
        }
        if (next == null) {
            logger.warn("enrolment {}: failed after {} tries: {} (enrol:retry {} tries again)", id, tries, reason, id);
        } else {
            logger.debug("enrolment {}: try {} failed ({}); next in {} s", id, tries, reason, (next - now) / 1000);
        }
    }
}
