package org.veilor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Finding;
import org.veilor.core.ReleaseArtifact;
import org.veilor.core.ReleaseStage;

class ReleaseRunnerTest {

    @TempDir
    Path tmp;

    private static ReleaseArtifact artifact(String name, String file, List<Finding> findings) {
        return new ReleaseArtifact() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Finding> produce(Path dir, Progress progress) throws IOException {
                progress.line("writing " + file);
                Files.createDirectories(dir.resolve(name));
                Files.writeString(dir.resolve(name).resolve(file), name);
                return findings;
            }
        };
    }

    @Test
    void noProducersGivesAReportSayingSo() throws Exception {
        ReleaseReport r = ReleaseRunner.run(List.of(), tmp.resolve("rel"), ReleaseStage.V0_7, ReleaseArtifact.Progress.silent());
        assertTrue(r.ok());
        assertEquals("release.no-producers", r.findings().get(0).code());
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("rel/release-report.json").toFile());
        assertEquals("v0.7", json.get("stage").asText());
    }

    @Test
    void artefactsRunInNameOrderAndErrorsFailTheRelease() throws Exception {
        List<String> progress = new ArrayList<>();
        ReleaseArtifact failing = new ReleaseArtifact() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<Finding> produce(Path dir, Progress p) throws IOException {
                throw new IOException("disk full");
            }
        };
        ReleaseReport r = ReleaseRunner.run(List.of(artifact("kickstart", "install.ks", List.of()),
                artifact("image", "recipe.yml", List.of(Finding.warning("image.no-cosign", "no cosign.pub", "cosign.pub"))),
                failing), tmp.resolve("rel"), ReleaseStage.V0_8, progress::add);
        assertEquals(List.of("broken", "image", "kickstart"), r.artifacts().stream().map(ReleaseReport.ArtifactResult::name).toList());
        assertFalse(r.ok());
        assertEquals("broken failed: disk full", r.findings().get(0).message());
        assertTrue(progress.contains("writing recipe.yml"));
        assertTrue(Files.exists(tmp.resolve("rel/kickstart/install.ks")));
    }

    @Test
    void anEarlierReleaseIsReplacedAndAForeignFolderRefused() throws Exception {
        Path rel = tmp.resolve("rel");
        ReleaseRunner.run(List.of(artifact("old", "x", List.of())), rel, ReleaseStage.V0_7, ReleaseArtifact.Progress.silent());
        ReleaseRunner.run(List.of(artifact("new", "y", List.of())), rel, ReleaseStage.V0_7, ReleaseArtifact.Progress.silent());
        assertFalse(Files.exists(rel.resolve("old")), "stale files of an earlier release are gone");
        assertTrue(Files.exists(rel.resolve("new/y")));

        Path foreign = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(foreign.resolve("thesis.tex"), "precious");
        IOException e = assertThrows(IOException.class, () -> ReleaseRunner.run(List.of(), foreign, ReleaseStage.V0_7,
                ReleaseArtifact.Progress.silent()));
        assertTrue(e.getMessage().contains("refusing to write into"));
        assertEquals("precious", Files.readString(foreign.resolve("thesis.tex")));
    }

    @Test
    void aSecondReleaseIntoTheSameFolderIsRefusedWhileTheFirstRuns() throws Exception {
        Path rel = tmp.resolve("rel");
        CountDownLatch producing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ReleaseArtifact slow = new ReleaseArtifact() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public List<Finding> produce(Path dir, Progress p) throws IOException {
                Files.writeString(dir.resolve("slow.txt"), "first");
                producing.countDown();
                try {
                    finish.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return List.of();
            }
        };
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<ReleaseReport> running = first.submit(() -> ReleaseRunner.run(List.of(slow), rel, ReleaseStage.V0_7,
                    ReleaseArtifact.Progress.silent()));
            producing.await();
            IOException e = assertThrows(IOException.class, () -> ReleaseRunner.run(List.of(artifact("other", "x", List.of())),
                    tmp.resolve("./rel"), ReleaseStage.V0_7, ReleaseArtifact.Progress.silent()));
            assertTrue(e.getMessage().contains("is running already"), e.getMessage());
            finish.countDown();
            assertTrue(running.get().ok());
            assertEquals("first", Files.readString(rel.resolve("slow.txt")), "the first release was left alone");
            ReleaseRunner.run(List.of(artifact("other", "x", List.of())), rel, ReleaseStage.V0_7, ReleaseArtifact.Progress.silent());
            assertTrue(Files.exists(rel.resolve("other/x")), "once it finished, the folder is free again");
        } finally {
            finish.countDown();
            first.shutdownNow();
        }
    }
}
