package org.veilor.enrol.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.HeadscaleException.Kind;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.PreAuthKey;
import org.veilor.headscale.PreAuthKeyRequest;

/**
 * Mints a key for an enrolment without ever leaving a stray valid key behind:
 * <ol>
 * <li>before each attempt, a unique expiration instant (milliseconds; unique across enrolments and
 * instances by the database's primary key) is recorded with the attempt;</li>
 * <li>the key is requested with exactly that expiration;</li>
 * <li>when the answer is lost (or the server failed after acting), and before any later attempt
 * of the same enrolment — after a restart too — the keys carrying the find tag and an unresolved
 * attempt's expiration are listed and expired.</li>
 * </ol>
 * Parallel mints never touch each other's keys, since no two attempts share an expiration.
 */
final class OrphanFreeMinter {

    /** A key made by an attempt, not yet recorded. */
    record Minted(PreAuthKey key, long expirationMs) {
    }

    private final Logger logger = LoggerFactory.getLogger(OrphanFreeMinter.class);
    private final HeadscaleClient client;
    private final AttemptStore attempts;
    private final LongSupplier clock;
    private final AtomicLong lastExpiration = new AtomicLong();
    private final Set<String> knownUsers = ConcurrentHashMap.newKeySet();

    OrphanFreeMinter(HeadscaleClient client, AttemptStore attempts, LongSupplier clock) {
        this.client = client;
        this.attempts = attempts;
        this.clock = clock;
    }

    HeadscaleClient client() {
        return client;
    }

    /**
     * Mints a key for the enrolment after expiring whatever its earlier unresolved attempts made.
     *
     * @throws HeadscaleException when Headscale failed; the attempt stays unresolved when it may have acted
     */
    Minted mint(long enrolmentId, EnrolSettings s) throws HeadscaleException, SQLException {
        reconcile(enrolmentId, s.findTag());
        String user = owner(s);
        long expiration = allocate(enrolmentId, s);
        PreAuthKey key;
        try {
            key = client.createPreAuthKey(new PreAuthKeyRequest(user, s.tags(), Instant.ofEpochMilli(expiration), s.reusable(), false));
        } catch (HeadscaleException e) {
            if (!e.kind().mayHaveActed()) {
                attempts.settle(expiration, AttemptStore.NONE, 0);
            } else {
                reconcileQuietly(enrolmentId, s.findTag());
            }
            throw e;
        }
        if (!key.hasSecret() || key.expiration().truncatedTo(ChronoUnit.MILLIS).toEpochMilli() != expiration
                || !key.aclTags().containsAll(s.tags())) {
            reconcileQuietly(enrolmentId, s.findTag());
            throw new HeadscaleException(Kind.BAD_RESPONSE, "Headscale answered the mint with a key that is not the one asked for (expiration "
                    + key.expiration() + ", tags " + key.aclTags() + "); it was expired");
        }
        return new Minted(key, expiration);
    }

    /**
     * Expires every key made by the enrolment's unresolved attempts and marks them reconciled.
     *
     * @return how many keys were expired
     */
    int reconcile(long enrolmentId, String tag) throws HeadscaleException, SQLException {
        List<Long> pending = attempts.unresolved(enrolmentId);
        if (pending.isEmpty()) {
            return 0;
        }
        List<PreAuthKey> keys = client.listPreAuthKeys();
        Instant now = Instant.ofEpochMilli(clock.getAsLong());
        int total = 0;
        for (long expiration : pending) {
            int strays = 0;
            for (PreAuthKey k : keys) {
                if (k.aclTags().contains(tag) && k.expiration().truncatedTo(ChronoUnit.MILLIS).toEpochMilli() == expiration && k.expiration().isAfter(now)) {
                    client.expirePreAuthKey(k);
                    strays++;
                    logger.info("enrolment {}: expired stray pre-auth key {} left by an attempt whose answer was lost", enrolmentId, k.id());
                }
            }
            attempts.settle(expiration, AttemptStore.RECONCILED, strays);
            total += strays;
        }
        return total;
    }

    /** Expires a key this enrolment made but cannot use (the enrolment changed meanwhile). */
    void discard(long enrolmentId, Minted minted) throws SQLException {
        try {
            client.expirePreAuthKey(minted.key());
            attempts.settle(minted.expirationMs(), AttemptStore.RECONCILED, 1);
        } catch (HeadscaleException e) {
            logger.debug("enrolment {}: could not expire unused key {} yet ({}); it is expired at the next reconcile", enrolmentId,
                    minted.key().id(), e.getMessage());
        }
    }

    private void reconcileQuietly(long enrolmentId, String tag) throws SQLException {
        try {
            reconcile(enrolmentId, tag);
        } catch (HeadscaleException e) {
            logger.debug("enrolment {}: reconcile after a lost answer failed ({}); it runs again before the next attempt", enrolmentId,
                    e.getMessage());
        }
    }

    /** The key's owner: none from Headscale 0.28 (tagged keys), else the guests user, created when missing. */
    private String owner(EnrolSettings s) throws HeadscaleException {
        HeadscaleVersion v = client.serverVersion().version();
        if (!v.keysNeedUser()) {
            return null;
        }
        String user = s.guestUser();
        if (user == null) {
            throw new HeadscaleException(Kind.UNSUPPORTED, "Headscale " + v + " needs a user for every pre-auth key: set guestUser in "
                    + EnrolSettings.PID + " (for example guests)");
        }
        if (!knownUsers.contains(user)) {
            if (client.findUser(user).isEmpty()) {
                client.createUser(user);
                logger.info("created the Headscale user '{}' that owns enrolment keys (Headscale {})", user, v);
            }
            knownUsers.add(user);
        }
        return user;
    }

    /** A fresh expiration for this attempt: now + lifetime, moved on by a millisecond until unused. */
    private long allocate(long enrolmentId, EnrolSettings s) throws SQLException {
        long now = clock.getAsLong();
        long wanted = now + s.keyTtl().toMillis();
        while (true) {
            long candidate = lastExpiration.updateAndGet(prev -> Math.max(prev + 1, wanted));
            if (attempts.begin(candidate, enrolmentId, now)) {
                return candidate;
            }
        }
    }
}
