package org.veilor.headscale.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.PreAuthKey;
import org.veilor.headscale.PreAuthKeyRequest;

/**
 * Mints a key for a command and leaves no stray valid key behind: when the answer is lost after
 * Headscale may have created the key, the keys with the same tag and the same (millisecond-unique)
 * expiration are found and expired, and the operator is told to run the command again.
 */
public final class KeyMinter {

    private static final Logger LOGGER = LoggerFactory.getLogger(KeyMinter.class);

    private KeyMinter() {
    }

    /**
     * @param user owner name, or {@code null}/empty
     * @param ttl lifetime from now
     * @throws HeadscaleException when Headscale refused or failed; when it may have acted, after expiring what it made
     */
    public static PreAuthKey mint(HeadscaleClient client, String user, List<String> tags, java.time.Duration ttl, boolean reusable,
            boolean ephemeral) throws HeadscaleException {
        Instant expiration = Instant.now().plus(ttl).truncatedTo(ChronoUnit.MILLIS);
        PreAuthKeyRequest request = new PreAuthKeyRequest(user == null || user.isBlank() ? null : user, tags, expiration,
                reusable, ephemeral);
        try {
            return client.createPreAuthKey(request);
        } catch (HeadscaleException e) {
            if (!e.kind().mayHaveActed() || tags.isEmpty()) {
                throw e;
            }
            throw new HeadscaleException(e.kind(), e.httpStatus(), e.getMessage() + "; " + expireStrays(client, tags.get(0), expiration), e);
        }
    }

    private static String expireStrays(HeadscaleClient client, String tag, Instant expiration) {
        try {
            List<PreAuthKey> strays = client.findPreAuthKeys(tag, expiration);
            for (PreAuthKey k : strays) {
                client.expirePreAuthKey(k);
                LOGGER.info("expired pre-auth key {} whose creation answer was lost", k.id());
            }
            return strays.isEmpty() ? "no key was created; run the command again"
                    : "Veilor expired the key(s) it may have created (" + String.join(", ", strays.stream().map(PreAuthKey::id).toList())
                            + "); run the command again";
        } catch (HeadscaleException again) {
            return "check with headscale:keys --tag " + tag + " for a key expiring " + expiration
                    + " and revoke it (headscale:revoke ID) before running the command again (" + again.getMessage() + ")";
        }
    }
}
