package org.veilor.update.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the agent remembers across restarts and reboots (kept under /var, which a rollback does not
 * revert): the images that proved healthy, the deployment it watches, and the images it marked bad
 * — each marked once, which is what keeps a rollback from ever looping.
 *
 * @param healthy digests that passed the health check (or were booted when the agent first ran), newest last
 * @param watching the new deployment under watch, or null
 * @param bad images marked bad, oldest first
 */
public record UpdateState(List<String> healthy, Watching watching, List<Bad> bad) {

    /** Digests of healthy images kept; older ones are forgotten. */
    static final int KEEP = 10;

    public UpdateState {
        healthy = healthy == null ? List.of() : List.copyOf(healthy);
        bad = bad == null ? List.of() : List.copyOf(bad);
    }

    public static UpdateState empty() {
        return new UpdateState(List.of(), null, List.of());
    }

    /**
     * A deployment under watch.
     *
     * @param bootId the boot it was first seen in; a new boot starts a new window
     */
    public record Watching(String digest, String version, String bootId, Instant since) {
    }

    /**
     * An image marked bad.
     *
     * @param by {@code health} (the agent's rollback rule) or {@code admin} (update:rollback)
     * @param reason why, in words
     * @param rollback what {@code bootc rollback} did: {@code done}, the failure, or {@code none} (nothing to roll back to)
     */
    public record Bad(String digest, String version, Instant at, String by, String reason, String rollback) {
    }

    public boolean isHealthy(String digest) {
        return healthy.contains(digest);
    }

    public Optional<Bad> bad(String digest) {
        return bad.stream().filter(b -> b.digest().equals(digest)).findFirst();
    }

    public UpdateState withHealthy(String digest) {
        List<String> h = new ArrayList<>(healthy);
        h.remove(digest);
        h.add(digest);
        while (h.size() > KEEP) {
            h.remove(0);
        }
        return new UpdateState(h, watching != null && watching.digest().equals(digest) ? null : watching, bad);
    }

    public UpdateState withWatching(Watching w) {
        return new UpdateState(healthy, w, bad);
    }

    /** Marks an image bad (replacing an earlier mark of the same image) and ends its watch. */
    public UpdateState withBad(Bad b) {
        List<Bad> list = new ArrayList<>(bad);
        list.removeIf(x -> x.digest().equals(b.digest()));
        list.add(b);
        return new UpdateState(healthy.stream().filter(d -> !d.equals(b.digest())).toList(),
                watching != null && watching.digest().equals(b.digest()) ? null : watching, list);
    }
}
