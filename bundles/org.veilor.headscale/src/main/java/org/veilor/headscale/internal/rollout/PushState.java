package org.veilor.headscale.internal.rollout;

/** Where a stored push stands; only {@link #GOOD} is ever restored automatically. */
public enum PushState {
    /** Recorded, the server asked; no answer yet (or the instance stopped while asking). */
    PUSHING("pushing"),
    /** The server did not store it: it refused, could not be reached, or kept its policy. */
    FAILED("failed"),
    /** No answer (or an error after acting), but reading back showed the server holds it: watched, never good. */
    UNCONFIRMED("unconfirmed"),
    /** No answer, and the policy could not be read back: watched, never good. */
    UNKNOWN("unknown"),
    /** Stored, but the policy read back is not the one sent (another change came between): not good. */
    MISMATCH("mismatch"),
    /** Stored and read back; the admin machines are being watched. */
    WATCHING("watching"),
    /** Watched for the whole window without losing an admin machine: the last good policy. */
    GOOD("good"),
    /** The watch could not read the online machines at all: not good. */
    UNVERIFIED("unverified"),
    /** Admin machines went offline; the last good policy was pushed back. */
    ROLLED_BACK("rolled-back"),
    /** Admin machines went offline, and no last good policy could be pushed back. */
    ADMIN_LOST("admin-lost"),
    /** The last good policy, pushed back automatically after a loss. */
    RESTORED("restored");

    private final String db;

    PushState(String db) {
        this.db = db;
    }

    /** The name stored and shown. */
    public String label() {
        return db;
    }

    static PushState fromDb(String text) {
        for (PushState s : values()) {
            if (s.db.equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown policy push state '" + text + "'");
    }

    /** Whether the server may run this policy after the push: it is then watched. */
    public boolean mayBeLive() {
        return this == WATCHING || this == UNCONFIRMED || this == UNKNOWN;
    }
}
