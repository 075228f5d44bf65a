package org.veilor.headscale.internal.policy;

/** A policy that cannot be evaluated or would not load, with where and why. */
public class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
