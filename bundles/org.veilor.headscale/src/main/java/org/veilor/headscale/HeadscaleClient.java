package org.veilor.headscale;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Headscale's REST API ({@code /api/v1}, Bearer API key), for whatever server version answers:
 * how a key names its user (name ≤ 0.25, ID 0.26–0.27, optional 0.28+), how keys are listed and
 * expired, and how errors look are all handled here (mesh-radio.md §2.3). IDs are strings, as
 * Headscale renders them.
 *
 * <p>Errors are {@link HeadscaleException}s with a message for the operator: "API key rejected",
 * "Headscale unreachable at …", the server's own message for refusals. A
 * {@link HeadscaleException.Kind#NO_ANSWER} failure means the server may have acted: find the result
 * (for a key: {@link #findPreAuthKeys} with the same tag and expiration) before trying again.
 */
public interface HeadscaleClient {

    /** The server's base URL (without {@code /api/v1}). */
    String serverUrl();

    /**
     * The version in force: read from {@code /version} (cached until {@link #refreshVersion()}), else
     * the configured one. Never fails: an unreachable server yields the configured version.
     */
    ServerVersion serverVersion();

    /** Reads {@code /version} again. */
    ServerVersion refreshVersion();

    /** Whether the server answers its health check and reaches its database. */
    boolean health() throws HeadscaleException;

    HeadscaleUser createUser(String name) throws HeadscaleException;

    List<HeadscaleUser> listUsers() throws HeadscaleException;

    /** The user with this name, if any. */
    default Optional<HeadscaleUser> findUser(String name) throws HeadscaleException {
        return listUsers().stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /**
     * Creates a pre-auth key. The answer holds the full secret; it is the only time Headscale 0.28+
     * shows it.
     *
     * @throws HeadscaleException {@code UNSUPPORTED} when the request has no user and the server is
     *         older than 0.28; {@code NOT_FOUND} when the named user does not exist
     */
    PreAuthKey createPreAuthKey(PreAuthKeyRequest request) throws HeadscaleException;

    /** Every pre-auth key (before 0.28: every user's keys, one user at a time). */
    List<PreAuthKey> listPreAuthKeys() throws HeadscaleException;

    /**
     * The keys carrying a tag whose expiration is exactly the given instant (to the millisecond):
     * how a caller that recorded a unique expiration before minting finds a key whose creation
     * answer was lost.
     */
    default List<PreAuthKey> findPreAuthKeys(String tag, Instant expiration) throws HeadscaleException {
        Instant wanted = expiration.truncatedTo(ChronoUnit.MILLIS);
        return listPreAuthKeys().stream()
                .filter(k -> k.aclTags().contains(tag))
                .filter(k -> k.expiration().truncatedTo(ChronoUnit.MILLIS).equals(wanted))
                .toList();
    }

    /**
     * Expires a key now. Takes the key as listed or created because servers before 0.28 expire by
     * user and key text, later ones by ID.
     *
     * @throws HeadscaleException {@code UNSUPPORTED} when a server before 0.28 is asked to expire a
     *         key whose text is masked
     */
    void expirePreAuthKey(PreAuthKey key) throws HeadscaleException;

    List<HeadscaleNode> listNodes() throws HeadscaleException;

    /** The node that registered with this key, if any (matched by the key's ID). */
    default Optional<HeadscaleNode> findNodeByPreAuthKey(PreAuthKey key) throws HeadscaleException {
        return listNodes().stream().filter(n -> key.id().equals(n.preAuthKeyId())).findFirst();
    }

    /** Expires a node's registration now: it must log in again. */
    HeadscaleNode expireNode(String nodeId) throws HeadscaleException;

    void deleteNode(String nodeId) throws HeadscaleException;

    /** The policy stored in the server's database (policy mode {@code database}). */
    String getPolicy() throws HeadscaleException;

    /**
     * Replaces the policy (policy mode {@code database}); the server checks it (and runs its
     * {@code tests} from 0.29) and refuses it with a message when invalid.
     */
    void setPolicy(String hujson) throws HeadscaleException;

    /** The stored policy with the time it was stored (policy mode {@code database}). */
    default StoredPolicy readPolicy() throws HeadscaleException {
        return new StoredPolicy(getPolicy(), null);
    }

    /**
     * Replaces the policy like {@link #setPolicy} and returns the server's answer: the policy as it
     * stored it and when.
     */
    default StoredPolicy storePolicy(String hujson) throws HeadscaleException {
        setPolicy(hujson);
        return new StoredPolicy(hujson, null);
    }
}
