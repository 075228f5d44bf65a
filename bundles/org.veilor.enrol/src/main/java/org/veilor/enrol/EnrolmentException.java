package org.veilor.enrol;

/** An enrolment operation could not be done; the message says why and what to do, never a secret. */
public class EnrolmentException extends Exception {

    private static final long serialVersionUID = 1L;

    public EnrolmentException(String message) {
        super(message);
    }

    public EnrolmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
