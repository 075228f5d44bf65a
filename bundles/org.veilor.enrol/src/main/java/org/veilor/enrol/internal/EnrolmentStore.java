package org.veilor.enrol.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.veilor.core.db.Parameters;
import org.veilor.enrol.EnrolmentState;

/**
 * The enrolment rows and their state changes. Every change is one transaction, guarded by the
 * state it expects, so a step that lost a race (the page opened while the DM was in flight, an
 * operator's revoke while the worker ran) changes nothing.
 */
final class EnrolmentStore {

    /** What {@link #receive} did. */
    enum Received {
        CREATED, DUPLICATE_EVENT, ALREADY_ENROLLED
    }

    /** The result of {@link #receive}: what happened and the enrolment concerned. */
    record Receipt(Received outcome, long enrolmentId) {
    }

    private static final String PENDING = "('received', 'minted')";

    private final Jdbc jdbc;

    EnrolmentStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    Jdbc jdbc() {
        return jdbc;
    }

    /**
     * Stores a signup: the event (when it came by webhook) and a new enrolment, in one
     * transaction; a known event or user stores nothing.
     *
     * @param eventId Misskey's eventId, or {@code null} for a manual enrolment
     */
    Receipt receive(String misskeyUserId, String username, String origin, String eventId, String hookId, long now) throws SQLException {
        for (int tries = 0;; tries++) {
            try {
                return jdbc.tx(c -> {
                    if (eventId != null) {
                        Long known = single(c, "SELECT enrolment_id FROM enrol_event WHERE event_id = ?", eventId);
                        if (known != null) {
                            return new Receipt(Received.DUPLICATE_EVENT, known);
                        }
                    }
                    Long enrolled = single(c, "SELECT id FROM enrol_enrolment WHERE misskey_user_id = ?", misskeyUserId);
                    if (enrolled != null) {
                        return new Receipt(Received.ALREADY_ENROLLED, enrolled);
                    }
                    long id;
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO enrol_enrolment (misskey_user_id, username, origin, state, "
                            + "generation, attempts, next_attempt_at, received_at, updated_at) VALUES (?, ?, ?, 'received', 1, 0, ?, ?, ?)",
                            new String[] { "id" })) {
                        Parameters.bind(ps, misskeyUserId, username, origin, now, now, now);
                        ps.executeUpdate();
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            keys.next();
                            id = keys.getLong(1);
                        }
                    }
                    if (eventId != null) {
                        Jdbc.update(c, "INSERT INTO enrol_event (event_id, enrolment_id, hook_id, received_at) VALUES (?, ?, ?, ?)",
                                eventId, id, hookId, now);
                    }
                    return new Receipt(Received.CREATED, id);
                });
            } catch (SQLException e) {
                // a concurrent delivery of the same event or user won the race: look again
                if (!Jdbc.duplicate(e) || tries >= 2) {
                    throw e;
                }
            }
        }
    }

    Optional<StoredEnrolment> load(long id) throws SQLException {
        return jdbc.tx(c -> query(c, "SELECT " + StoredEnrolment.COLUMNS + " FROM enrol_enrolment WHERE id = ?", id).stream().findFirst());
    }

    Optional<StoredEnrolment> byPageHash(String pageHash) throws SQLException {
        return jdbc.tx(c -> query(c, "SELECT " + StoredEnrolment.COLUMNS + " FROM enrol_enrolment WHERE page_hash = ?", pageHash).stream()
                .findFirst());
    }

    Optional<StoredEnrolment> byUser(String misskeyUserId) throws SQLException {
        return jdbc.tx(c -> query(c, "SELECT " + StoredEnrolment.COLUMNS + " FROM enrol_enrolment WHERE misskey_user_id = ?", misskeyUserId)
                .stream().findFirst());
    }

    List<StoredEnrolment> list() throws SQLException {
        return jdbc.tx(c -> query(c, "SELECT " + StoredEnrolment.COLUMNS + " FROM enrol_enrolment ORDER BY id DESC"));
    }

    /** IDs of enrolments with a step due now and no live lease, oldest due first. */
    List<Long> due(long now, int limit, Collection<Long> skip) throws SQLException {
        return jdbc.tx(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM enrol_enrolment WHERE state IN " + PENDING
                    + " AND next_attempt_at <= ? AND (lease_owner IS NULL OR lease_until < ?) ORDER BY next_attempt_at, id")) {
                ps.setMaxRows(limit + skip.size());
                Parameters.bind(ps, now, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && ids.size() < limit) {
                        long id = rs.getLong(1);
                        if (!skip.contains(id)) {
                            ids.add(id);
                        }
                    }
                }
            }
            return ids;
        });
    }

    /** The earliest time a pending step is due, if any. */
    Optional<Long> nextDue() throws SQLException {
        return jdbc.tx(c -> Optional.ofNullable(single(c, "SELECT MIN(next_attempt_at) FROM enrol_enrolment WHERE state IN " + PENDING)));
    }

    /** Takes the lease of a due enrolment; false when another worker or instance holds it. */
    boolean claim(long id, String owner, long now, long until) throws SQLException {
        return jdbc.update("UPDATE enrol_enrolment SET lease_owner = ?, lease_until = ? WHERE id = ? AND state IN " + PENDING
                + " AND (lease_owner IS NULL OR lease_until < ?)", owner, until, id, now) == 1;
    }

    /** Drops the leases an earlier run of this instance left (it is certainly not working on them). */
    int releaseLeases(String owner) throws SQLException {
        return jdbc.update("UPDATE enrol_enrolment SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", owner);
    }

    void release(long id, String owner) throws SQLException {
        jdbc.update("UPDATE enrol_enrolment SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", id, owner);
    }

    /** A step failed: counts the try and schedules the next, or marks the enrolment failed. */
    void failed(long id, String owner, String reason, int attempts, Long nextAt, long now) throws SQLException {
        String state = nextAt == null ? ", state = 'failed'" : "";
        jdbc.update("UPDATE enrol_enrolment SET attempts = ?, next_attempt_at = ?, reason = ?, lease_owner = NULL, lease_until = NULL, "
                + "updated_at = ?" + state + " WHERE id = ? AND lease_owner = ? AND state IN " + PENDING, attempts, nextAt, clip(reason), now,
                id, owner);
    }

    /** Records the key of a successful attempt, and the page hash of this generation. */
    boolean minted(Connection c, long id, String keyId, String masked, long expiresAt, String fingerprint, String sealed, String pageHash,
            long now) throws SQLException {
        return Jdbc.update(c, "UPDATE enrol_enrolment SET state = 'minted', attempts = 0, next_attempt_at = ?, reason = NULL, key_id = ?, "
                + "key_masked = ?, key_expires_at = ?, key_fingerprint = ?, key_sealed = ?, page_hash = ?, dm_started_at = NULL, "
                + "minted_at = ?, updated_at = ? WHERE id = ? AND state = 'received'", now, keyId, masked, expiresAt, fingerprint, sealed,
                pageHash, now, now, id) == 1;
    }

    /** Notes that a DM is about to be sent: a retry after this looks for it before sending again. */
    void dmStarted(long id, long now) throws SQLException {
        jdbc.update("UPDATE enrol_enrolment SET dm_started_at = ?, updated_at = ? WHERE id = ? AND dm_started_at IS NULL", now, now, id);
    }

    /** Misskey answered that it made no note: nothing to look for next time. */
    void dmNotSent(long id) throws SQLException {
        jdbc.update("UPDATE enrol_enrolment SET dm_started_at = NULL WHERE id = ?", id);
    }

    /** The DM is confirmed; a page already opened stays shown. */
    void delivered(long id, int generation, String owner, String noteId, long now) throws SQLException {
        jdbc.tx(c -> {
            Jdbc.update(c, "UPDATE enrol_enrolment SET state = 'delivered', note_id = ?, delivered_at = ?, attempts = 0, reason = NULL, "
                    + "next_attempt_at = NULL, updated_at = ? WHERE id = ? AND generation = ? AND state = 'minted'", noteId, now, now, id,
                    generation);
            Jdbc.update(c, "UPDATE enrol_enrolment SET note_id = ?, delivered_at = ? WHERE id = ? AND generation = ? AND state = 'shown' "
                    + "AND note_id IS NULL", noteId, now, id, generation);
            return Jdbc.update(c, "UPDATE enrol_enrolment SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", id,
                    owner);
        });
    }

    /**
     * The page showed the key: drops the sealed key, keeps the fingerprint. Only the first caller
     * succeeds, so two opens at once show the key once.
     */
    boolean shown(long id, int generation, long now) throws SQLException {
        return jdbc.update("UPDATE enrol_enrolment SET key_sealed = NULL, state = 'shown', next_attempt_at = NULL, shown_at = ?, "
                + "updated_at = ? WHERE id = ? AND generation = ? AND key_sealed IS NOT NULL AND state IN ('minted', 'delivered')", now, now,
                id, generation) == 1;
    }

    /** Drops sealed keys whose key has expired (their page answers 410 anyway). */
    int dropExpiredSeals(long now) throws SQLException {
        return jdbc.update("UPDATE enrol_enrolment SET key_sealed = NULL, updated_at = ? WHERE key_sealed IS NOT NULL AND key_expires_at <= ?",
                now, now);
    }

    /** Starts the enrolment over with a new generation: no key, no link, minted again by the worker. */
    boolean restart(Connection c, long id, int fromGeneration, long now) throws SQLException {
        return Jdbc.update(c, "UPDATE enrol_enrolment SET state = 'received', generation = generation + 1, attempts = 0, next_attempt_at = ?, "
                + "key_id = NULL, key_masked = NULL, key_expires_at = NULL, key_fingerprint = NULL, key_sealed = NULL, page_hash = NULL, "
                + "dm_started_at = NULL, note_id = NULL, reason = NULL, minted_at = NULL, delivered_at = NULL, shown_at = NULL, "
                + "updated_at = ? WHERE id = ? AND generation = ?", now, now, id, fromGeneration) == 1;
    }

    boolean revoked(Connection c, long id, String reason, long now) throws SQLException {
        return Jdbc.update(c, "UPDATE enrol_enrolment SET state = 'revoked', key_sealed = NULL, next_attempt_at = NULL, reason = ?, "
                + "updated_at = ? WHERE id = ?", clip(reason), now, id) == 1;
    }

    /** Makes a failed or waiting enrolment due now, at the step where it stopped. */
    boolean retryNow(long id, long now) throws SQLException {
        return jdbc.update("UPDATE enrol_enrolment SET state = CASE WHEN key_id IS NULL THEN 'received' ELSE 'minted' END, attempts = 0, "
                + "next_attempt_at = ?, updated_at = ? WHERE id = ? AND (state = 'failed' OR state IN " + PENDING + ")", now, now, id) == 1;
    }

    static List<StoredEnrolment> query(Connection c, String sql, Object... args) throws SQLException {
        List<StoredEnrolment> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Parameters.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(StoredEnrolment.read(rs));
                }
            }
        }
        return out;
    }

    static Long single(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Parameters.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
