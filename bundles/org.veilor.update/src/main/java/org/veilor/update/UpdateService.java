package org.veilor.update;

/**
 * Updates through {@code bootc} on this node (PID {@code org.veilor.update}). Every operation asks
 * bootc, one at a time, and answers with a report whose findings say what went wrong; none throws
 * for a failure of bootc or of the node's files. Registered only while the configuration is valid.
 */
public interface UpdateService {

    /** Reads {@code bootc status} and the node's signature policy now. */
    UpdateReport status();

    /** Asks the registry whether an update exists ({@code bootc upgrade --check}), then reads the status. */
    UpdateReport check();

    /**
     * Stages the update ({@code bootc upgrade}); with {@code reboot}, reboots into it
     * ({@code bootc upgrade --apply}). Refused while the configured image is not the booted one,
     * and for an image marked bad after a rollback unless {@code force}. When another bootc
     * operation holds the sysroot lock, the report says so and the agent stages later by itself.
     */
    UpdateReport apply(boolean reboot, boolean force);

    /** Queues the rollback deployment for the next boot ({@code bootc rollback}) and marks the booted image bad. */
    UpdateReport rollback();

    /** The last report, without asking bootc (null before the first one). */
    UpdateReport last();
}
