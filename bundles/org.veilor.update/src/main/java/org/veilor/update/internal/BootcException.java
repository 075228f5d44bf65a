package org.veilor.update.internal;

/** A bootc command that did not do what was asked; the message is the finding an admin reads. */
public class BootcException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Kind {
        /** bootc is not on the search path. */
        MISSING,
        /** It exited with an error. */
        FAILED,
        /** It did not finish in time and was stopped. */
        TIMEOUT,
        /** Another bootc or rpm-ostree operation holds the sysroot lock. */
        LOCKED,
        /** It printed something that is not its documented output. */
        GARBAGE
    }

    private final Kind kind;

    public BootcException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The finding code for this failure: {@code update.bootc-timeout}. */
    public String code() {
        return "update.bootc-" + kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
