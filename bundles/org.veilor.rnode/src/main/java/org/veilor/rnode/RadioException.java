package org.veilor.rnode;

/** A radio operation failed: the device is gone, did not answer, refused, or is not ours now. */
public class RadioException extends Exception {

    private static final long serialVersionUID = 1L;

    public RadioException(String message) {
        super(message);
    }

    public RadioException(String message, Throwable cause) {
        super(message, cause);
    }
}
