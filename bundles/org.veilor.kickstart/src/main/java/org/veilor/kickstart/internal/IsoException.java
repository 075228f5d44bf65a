package org.veilor.kickstart.internal;

/** A refusal of the bootstrap ISO build: the message says what is wrong and what to do. */
public class IsoException extends Exception {

    private static final long serialVersionUID = 1L;

    public IsoException(String message) {
        super(message);
    }
}
