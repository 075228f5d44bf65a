package org.veilor.enrol;

import java.time.Instant;

/**
 * One enrolment as recorded: never the key itself (the database keeps it only encrypted, and only
 * until the page is opened) and never the page link.
 *
 * @param id the enrolment's number
 * @param misskeyUserId the Misskey user's ID (from the webhook, or resolved for a manual mint)
 * @param username the Misskey user name
 * @param origin {@code webhook} or {@code manual}
 * @param state where it stands
 * @param attempts failed tries of the current step
 * @param nextAttemptAt when the worker tries again, or {@code null} when nothing is pending
 * @param keyId Headscale's ID of the current key, or {@code null}
 * @param keyMasked the key with its secret hidden ({@code hskey-auth-<prefix>-***}), or {@code null}
 * @param keyExpiresAt when the current key stops working, or {@code null}
 * @param keyFingerprint {@code SHA256:} and 16 hex digits of the key, or {@code null}
 * @param noteId ID of the Misskey note (DM) that carried the link, or {@code null}
 * @param reason why the last try failed, or why it is failed or revoked; {@code null} when fine
 * @param generation 1, plus one per reissue (each generation has its own key and link)
 * @param receivedAt when the signup was stored
 * @param mintedAt when the current key was minted, or {@code null}
 * @param deliveredAt when the DM was confirmed, or {@code null}
 * @param shownAt when the page showed the key, or {@code null}
 */
public record Enrolment(long id, String misskeyUserId, String username, String origin, EnrolmentState state, int attempts,
        Instant nextAttemptAt, String keyId, String keyMasked, Instant keyExpiresAt, String keyFingerprint, String noteId,
        String reason, int generation, Instant receivedAt, Instant mintedAt, Instant deliveredAt, Instant shownAt) {

    /** Whether the current key has expired at the given instant. */
    public boolean keyExpiredAt(Instant now) {
        return keyExpiresAt != null && !keyExpiresAt.isAfter(now);
    }
}
