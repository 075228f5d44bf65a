package org.veilor.enrol;

import java.util.Locale;

/**
 * Where an enrolment stands. The normal path is {@link #RECEIVED} → {@link #MINTED} →
 * {@link #DELIVERED} → {@link #SHOWN}; {@link #FAILED} keeps the reason after the retries ran out;
 * {@link #REVOKED} is an operator's decision. Stored in the database by {@link #dbName()}.
 */
public enum EnrolmentState {
    /** The signup is stored; no key yet (or a mint attempt is under way or waiting to be retried). */
    RECEIVED,
    /** Headscale made the key; it is stored encrypted; the DM is not confirmed yet. */
    MINTED,
    /** Misskey confirmed the DM with the page link. */
    DELIVERED,
    /** The page showed the key once; only its fingerprint is kept. */
    SHOWN,
    /** Retries ran out; the reason says why ({@code enrol:retry} starts again). */
    FAILED,
    /** An operator revoked the key (and the node that joined with it). */
    REVOKED;

    /** Lower-case name, as stored. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EnrolmentState fromDb(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Whether the worker still has something to do in this state. */
    public boolean pending() {
        return this == RECEIVED || this == MINTED;
    }
}
