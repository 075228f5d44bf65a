package org.veilor.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.veilor.core.Finding;
import org.veilor.core.Folders;
import org.veilor.core.ReleaseArtifact;
import org.veilor.core.ReleaseStage;

/**
 * Runs release artefacts into one folder and writes {@code release-report.json}. Plain class,
 * tested without OSGi. An existing folder is replaced only if it is an earlier release (it has a
 * report); anything else is refused rather than overwritten, and so is a folder another release is
 * being written into.
 */
final class ReleaseRunner {

    static final String REPORT = "release-report.json";
    /** Folders a release is being written into. */
    private static final Set<Path> RUNNING = ConcurrentHashMap.newKeySet();

    private ReleaseRunner() {
    }

    static ReleaseReport run(List<ReleaseArtifact> artifacts, Path folder, ReleaseStage stage,
            ReleaseArtifact.Progress progress) throws IOException {
        // Two releases into one folder (two shells) would delete and write each other's files.
        Path key = folder.toAbsolutePath().normalize();
        if (!RUNNING.add(key)) {
            throw new IOException("a release into " + key + " is running already; wait for it to finish");
        }
        try {
            return runAlone(artifacts, folder, stage, progress);
        } finally {
            RUNNING.remove(key);
        }
    }

    private static ReleaseReport runAlone(List<ReleaseArtifact> artifacts, Path folder, ReleaseStage stage,
            ReleaseArtifact.Progress progress) throws IOException {
        prepare(folder);
        List<ReleaseArtifact> sorted = new ArrayList<>(artifacts);
        sorted.sort(Comparator.comparing(ReleaseArtifact::name));
        List<ReleaseReport.ArtifactResult> results = new ArrayList<>();
        List<Finding> all = new ArrayList<>();
        if (sorted.isEmpty()) {
            Finding none = Finding.info("release.no-producers",
                    "no release producers are installed: install the concern features (feature:list | grep veilor-)",
                    null);
            all.add(none);
        }
        for (ReleaseArtifact artifact : sorted) {
            progress.line("[" + artifact.name() + "] producing");
            long start = System.nanoTime();
            List<Finding> findings;
            try {
                findings = List.copyOf(artifact.produce(folder, progress));
            } catch (IOException | RuntimeException e) {
                findings = List.of(Finding.error("release.artifact-failed",
                        artifact.name() + " failed: " + e.getMessage(), artifact.name()));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            results.add(new ReleaseReport.ArtifactResult(artifact.name(), findings, millis));
            all.addAll(findings);
            progress.line("[" + artifact.name() + "] done in " + millis + " ms, " + findings.size() + " finding(s)");
        }
        boolean ok = all.stream().noneMatch(Finding::isError);
        ReleaseReport report = new ReleaseReport(stage.label(), Instant.now().toString(), folder.toString(), results,
                all, ok);
        Json.mapper().writeValue(folder.resolve(REPORT).toFile(), report);
        return report;
    }

    private static void prepare(Path folder) throws IOException {
        if (Files.exists(folder)) {
            if (!Files.isDirectory(folder)) {
                throw new IOException("release folder " + folder + " is a file");
            }
            List<Path> entries = Folders.list(folder);
            if (!entries.isEmpty()) {
                if (!Files.exists(folder.resolve(REPORT))) {
                    throw new IOException("refusing to write into " + folder
                            + ": it is not empty and holds no earlier release (no " + REPORT + ")");
                }
                for (Path e : entries) {
                    Folders.deleteTree(e);
                }
            }
        }
        Files.createDirectories(folder);
    }
}
