package org.veilor.enrol.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.veilor.enrol.Enrolment;
import org.veilor.enrol.EnrolmentState;

/** An enrolment row as stored, sealed key and page hash included (never leaves this package). */
record StoredEnrolment(long id, String misskeyUserId, String username, String origin, EnrolmentState state, int generation,
        int attempts, Long nextAttemptAt, String keyId, String keyMasked, Long keyExpiresAt, String keyFingerprint, String keySealed,
        String pageHash, Long dmStartedAt, String noteId, String reason, long receivedAt, Long mintedAt, Long deliveredAt,
        Long shownAt) {

    static final String COLUMNS = "id, misskey_user_id, username, origin, state, generation, attempts, next_attempt_at, key_id, key_masked, "
            + "key_expires_at, key_fingerprint, key_sealed, page_hash, dm_started_at, note_id, reason, received_at, minted_at, delivered_at, shown_at";

    static StoredEnrolment read(ResultSet rs) throws SQLException {
        return new StoredEnrolment(rs.getLong("id"), rs.getString("misskey_user_id"), rs.getString("username"), rs.getString("origin"),
                EnrolmentState.fromDb(rs.getString("state")), rs.getInt("generation"), rs.getInt("attempts"),
                Jdbc.longOrNull(rs, "next_attempt_at"), rs.getString("key_id"), rs.getString("key_masked"),
                Jdbc.longOrNull(rs, "key_expires_at"), rs.getString("key_fingerprint"), rs.getString("key_sealed"),
                rs.getString("page_hash"), Jdbc.longOrNull(rs, "dm_started_at"), rs.getString("note_id"), rs.getString("reason"),
                rs.getLong("received_at"), Jdbc.longOrNull(rs, "minted_at"), Jdbc.longOrNull(rs, "delivered_at"),
                Jdbc.longOrNull(rs, "shown_at"));
    }

    Enrolment toApi() {
        return new Enrolment(id, misskeyUserId, username, origin, state, attempts, state.pending() ? instant(nextAttemptAt) : null, keyId,
                keyMasked, instant(keyExpiresAt), keyFingerprint, noteId, reason, generation, Instant.ofEpochMilli(receivedAt),
                instant(mintedAt), instant(deliveredAt), instant(shownAt));
    }

    boolean keyExpiredAt(long nowMs) {
        return keyExpiresAt != null && keyExpiresAt <= nowMs;
    }

    private static Instant instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }
}
