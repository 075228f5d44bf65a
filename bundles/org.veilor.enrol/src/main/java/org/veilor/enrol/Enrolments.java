package org.veilor.enrol;

import java.util.List;
import java.util.Optional;

/**
 * The enrolments of this instance: what the webhook received, and the operator's actions on them.
 * Every action goes through the same path as a signup (database state first, then the worker), so
 * nothing is lost or doubled by a failure or a restart.
 */
public interface Enrolments {

    /** Every enrolment, newest first. */
    List<Enrolment> list() throws EnrolmentException;

    Optional<Enrolment> find(long id) throws EnrolmentException;

    /** The mint attempts of an enrolment, oldest first. */
    List<MintAttempt> attempts(long id) throws EnrolmentException;

    /**
     * Enrols a Misskey user by hand (resolved by user name on the configured server), as if the
     * webhook had announced the signup.
     *
     * @throws EnrolmentException when the user does not exist or is already enrolled
     */
    Enrolment mint(String username) throws EnrolmentException;

    /**
     * Expires the enrolment's key in Headscale and, when a node registered with it, that node; the
     * page stops showing the key.
     *
     * @return a line per thing done, for the operator
     */
    List<String> revoke(long id) throws EnrolmentException;

    /** Expires the current key, then mints a new one and sends a new DM with a new link. */
    Enrolment reissue(long id) throws EnrolmentException;

    /** Tries a failed (or waiting) enrolment again now, from the step where it stopped. */
    Enrolment retry(long id) throws EnrolmentException;
}
