package org.veilor.core.internal;

import java.util.List;
import org.veilor.core.Finding;

/**
 * What {@code veilor:release} wrote: the folder, the stage, each artefact's findings. Serialised
 * as {@code release-report.json}.
 */
public record ReleaseReport(String stage, String createdAt, String folder, List<ArtifactResult> artifacts,
        List<Finding> findings, boolean ok) {

    /** One artefact's outcome. */
    public record ArtifactResult(String name, List<Finding> findings, long millis) {
    }
}
