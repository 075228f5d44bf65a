package org.veilor.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.veilor.core.Finding;
import org.veilor.core.ReleaseArtifact;
import org.veilor.core.ReleaseStage;

/**
 * Runs release artefacts into one folder and writes {@code release-report.json}. Plain class,
 * tested without OSGi. An existing folder is replaced only if it is an earlier release (it has a
 * report); anything else is refused rather than overwritten.
 */
final class ReleaseRunner {

    static final String REPORT = "release-report.json";

    private ReleaseRunner() {
    }

    static ReleaseReport run(List<ReleaseArtifact> artifacts, Path folder, ReleaseStage stage,
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
            boolean empty;
            try (Stream<Path> s = Files.list(folder)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty) {
                if (!Files.exists(folder.resolve(REPORT))) {
                    throw new IOException("refusing to write into " + folder
                            + ": it is not empty and holds no earlier release (no " + REPORT + ")");
                }
                deleteTree(folder);
            }
        }
        Files.createDirectories(folder);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(folder)) {
                    Files.delete(p);
                }
            }
        }
    }
}
