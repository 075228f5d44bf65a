package org.veilor.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A producer of release files (whiteboard service). {@code veilor:release} runs every registered
 * artefact into one folder and collects their findings; any error fails the release.
 */
public interface ReleaseArtifact {

    /** Short name, also the sub-folder convention: {@code image}, {@code kickstart}. */
    String name();

    /**
     * Writes this artefact's files into the release folder.
     *
     * @param releaseDir the release folder (created already); write under it only
     * @param progress progress lines for the shell
     * @return findings; errors fail the release
     */
    List<Finding> produce(Path releaseDir, Progress progress) throws IOException;

    /** Receives progress lines from long work. */
    @FunctionalInterface
    interface Progress {
        void line(String text);

        static Progress silent() {
            return t -> {
            };
        }
    }
}
