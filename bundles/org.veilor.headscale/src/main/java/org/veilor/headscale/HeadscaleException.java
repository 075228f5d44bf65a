package org.veilor.headscale;

import java.util.Objects;

/**
 * A Headscale call that did not succeed, with a message meant for the operator and a {@link Kind}
 * callers decide on (retry, reconcile, give up). Messages never contain the API key or a
 * pre-auth key's secret.
 */
public class HeadscaleException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as the client can tell. */
    public enum Kind {
        /** No connection could be made: the request was not sent, so nothing happened. */
        UNREACHABLE(false, true),
        /**
         * The request was sent but no answer came (connection closed, timeout): the server may have
         * acted. Reconcile before retrying anything that creates.
         */
        NO_ANSWER(true, true),
        /** HTTP 401/403: the API key was rejected. */
        UNAUTHORIZED(false, false),
        /** The server refused the request as invalid (HTTP 400, 409, 422 or a gRPC argument error). */
        REJECTED(false, false),
        /** The user, key or node does not exist. */
        NOT_FOUND(false, false),
        /** HTTP 5xx: the server failed; it may have acted before failing. */
        SERVER_ERROR(true, true),
        /** The answer was not the documented shape. */
        BAD_RESPONSE(true, false),
        /** This server version cannot do what was asked (for example a key without user before 0.28). */
        UNSUPPORTED(false, false),
        /** The local set-up is wrong (API key file missing, unreadable or readable by others). */
        LOCAL_SETUP(false, false);

        private final boolean mayHaveActed;
        private final boolean transientFailure;

        Kind(boolean mayHaveActed, boolean transientFailure) {
            this.mayHaveActed = mayHaveActed;
            this.transientFailure = transientFailure;
        }

        /** Whether the server may have carried out the request although the call failed. */
        public boolean mayHaveActed() {
            return mayHaveActed;
        }

        /** Whether trying again later can help. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Kind kind;
    private final int httpStatus;

    public HeadscaleException(Kind kind, String message) {
        this(kind, 0, message, null);
    }

    public HeadscaleException(Kind kind, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of the answer, or 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }
}
