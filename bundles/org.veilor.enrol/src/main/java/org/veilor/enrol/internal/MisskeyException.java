package org.veilor.enrol.internal;

import java.time.Duration;

/** A Misskey call that did not succeed; the message never holds the token or a DM's link. */
final class MisskeyException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as the client can tell. */
    enum Kind {
        /** No connection: nothing was sent. */
        UNREACHABLE(false),
        /** Sent, but no answer (closed, timed out): Misskey may have made the note. */
        NO_ANSWER(true),
        /** HTTP 429: over the rate limit; nothing was made. */
        RATE_LIMITED(false),
        /** HTTP 401/403: the token was refused. */
        UNAUTHORIZED(false),
        /** Another 4xx: Misskey refused the request; nothing was made. */
        REJECTED(false),
        /** HTTP 5xx: Misskey failed, possibly after making the note. */
        SERVER_ERROR(true),
        /** The answer was not the documented shape. */
        BAD_RESPONSE(true),
        /** The token file is missing or open to others. */
        LOCAL_SETUP(false);

        private final boolean mayHaveActed;

        Kind(boolean mayHaveActed) {
            this.mayHaveActed = mayHaveActed;
        }

        boolean mayHaveActed() {
            return mayHaveActed;
        }
    }

    private final Kind kind;
    private final Duration retryAfter;

    MisskeyException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    MisskeyException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    Kind kind() {
        return kind;
    }

    /** What Misskey asked for with Retry-After, or {@code null}. */
    Duration retryAfter() {
        return retryAfter;
    }
}
