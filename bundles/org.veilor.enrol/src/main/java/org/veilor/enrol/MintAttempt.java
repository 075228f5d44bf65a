package org.veilor.enrol;

import java.time.Instant;

/**
 * One try to mint a key, recorded before Headscale is asked: its expiration is unique to the
 * millisecond, so the key it may have made can always be found again by tag and expiration.
 *
 * @param expiration the expiration sent with the request (the attempt's identity)
 * @param startedAt when the try began
 * @param outcome {@code pending} (no answer yet, or the answer was lost), {@code created} (the key
 *        in use), {@code none} (Headscale made nothing), {@code reconciled} (what it may have made
 *        was found and expired) or {@code superseded} (the key was expired by a reissue or revoke)
 * @param strays how many keys of this attempt were found and expired
 */
public record MintAttempt(Instant expiration, Instant startedAt, String outcome, int strays) {
}
