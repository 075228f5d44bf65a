package org.veilor.core.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.veilor.core.ReleaseArtifact;

/** Runs every registered {@link ReleaseArtifact}; used by {@code veilor:release}. */
public interface ReleaseService {

    /** The default folder: {@code release/<stage>/} under the Karaf base. */
    Path defaultFolder();

    /** Names of the registered artefacts, sorted. */
    List<String> artifactNames();

    ReleaseReport release(Path folder, ReleaseArtifact.Progress progress) throws IOException;
}
