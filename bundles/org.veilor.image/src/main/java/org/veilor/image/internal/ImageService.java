package org.veilor.image.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.veilor.core.Finding;
import org.veilor.core.ReleaseArtifact;

/** What the image commands use: render, lint and build the tree. Internal to this bundle. */
public interface ImageService {

    ImageSettings settings();

    /** The contributions a render would take now, sorted. */
    List<Contributed> contributions();

    /** Renders the tree into {@code out} and lints it; an empty folder or an earlier render only. */
    List<Finding> render(Path out, ReleaseArtifact.Progress progress) throws IOException;

    List<Finding> lint(Path tree) throws IOException;

    /** Renders, lints and runs bluebuild; see {@link BuildOutcome}. */
    BuildOutcome build(Path out, boolean push, ReleaseArtifact.Progress progress) throws IOException;

    /** What image:build did: the findings, and whether bluebuild ran (it is optional on the operator). */
    record BuildOutcome(List<Finding> findings, boolean bluebuildRan, String message) {
    }
}
