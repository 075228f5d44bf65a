package org.veilor.mesh;

/**
 * The mesh supervisor (PID {@code org.veilor.mesh}): tracks every {@link MeshLayer}, probes them
 * on one scheduler, assesses the threat floors, reports state changes on EventAdmin (topics in
 * {@link MeshEvents}) and fails over by release stage.
 */
public interface MeshSupervisor {

    /**
     * The current snapshot. Layers that appeared since the last probe are listed at once (not yet
     * probed); layers that went away are gone at once.
     */
    MeshReport report();

    /**
     * Probes every layer now on the supervisor's scheduler and returns the snapshot after it.
     *
     * @throws InterruptedException when interrupted while waiting for the probe round
     */
    MeshReport refresh() throws InterruptedException;
}
