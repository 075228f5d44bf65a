package org.veilor.mesh;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The failover side of the supervisor: at release v0.7 it only reports what it would do; from
 * v0.8 it promotes an idle L3b layer while L3a is down and demotes it when L3a is back.
 *
 * @param automatic whether the supervisor acts (v0.8 and later) or only reports
 * @param summary the situation now, in one line
 * @param promoted ids of the layers the supervisor promoted and has not demoted yet
 * @param lastAction the last thing it did or advised, with the reason (empty when none yet)
 * @param lastActionAt when, or {@code null}
 */
public record FailoverStatus(boolean automatic, String summary, List<String> promoted, String lastAction,
        Instant lastActionAt) {

    public FailoverStatus {
        Objects.requireNonNull(summary, "summary");
        promoted = List.copyOf(promoted);
        lastAction = lastAction == null ? "" : lastAction;
    }

    /** {@code automatic} or {@code report only}. */
    public String mode() {
        return automatic ? "automatic" : "report only";
    }
}
