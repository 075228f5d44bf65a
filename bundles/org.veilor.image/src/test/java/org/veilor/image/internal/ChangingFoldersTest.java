package org.veilor.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Finding;
import org.veilor.core.ReleaseArtifact;
import org.veilor.image.internal.lint.ImageLinter;
import org.veilor.image.internal.lint.LintExpectations;

/**
 * Folders that change while the image reads them, as they do on an operator's machine: the
 * distribution folder of a running Karaf (its {@code data/} written all the time, files dropped in
 * {@code deploy/}), and a rendered tree that is a git checkout (git's {@code .git/index.lock} and an
 * editor's backup files come and go). Packing and lint never fail for a file that went between the
 * listing and its reading; before, {@code Files.walk} threw {@code NoSuchFileException} for it.
 */
class ChangingFoldersTest {

    @TempDir
    Path dir;

    /** Writes and deletes small files in some folders as fast as it can, until closed. */
    static final class Churn implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong cycles = new AtomicLong();
        private final List<Exception> errors = new CopyOnWriteArrayList<>();
        private final Thread thread;

        Churn(String prefix, Path... folders) throws IOException {
            for (Path f : folders) {
                Files.createDirectories(f);
            }
            thread = new Thread(() -> {
                try {
                    for (long i = 0; running.get(); i++) {
                        for (Path f : folders) {
                            Path now = f.resolve(prefix + (i % 64));
                            Files.writeString(now, "churn " + i);
                            Files.deleteIfExists(f.resolve(prefix + ((i + 32) % 64))); // 32 present at any time
                        }
                        cycles.incrementAndGet();
                    }
                } catch (IOException e) {
                    errors.add(e);
                }
            }, "churn");
            thread.start();
        }

        long cycles() {
            return cycles.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
            assertEquals(List.of(), errors);
        }
    }

    @Test
    void aRunningInstancesStateAndDroppedFilesNeverFailThePack() throws Exception {
        ImageSettings s = TestTrees.settings(dir, Map.of());
        Path home = TestTrees.distribution(s.distribution());
        Path tarball = dir.resolve("out/veilor.tar.gz");
        try (Churn churn = new Churn("f", home.resolve("data/cache"), home.resolve("deploy"))) {
            for (int i = 0; i < 40 || churn.cycles() < 100; i++) {
                TestTrees.assertNoErrors(DistributionSource.prepare(home, tarball, ReleaseArtifact.Progress.silent()));
            }
        }
        try (InputStream in = Files.newInputStream(tarball)) {
            List<String> names = TarArchive.read(in, 0).stream().map(TarArchive.Entry::name).toList();
            assertTrue(names.contains("veilor/bin/veilor"), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.startsWith("veilor/data")), "a running instance's state is never packed");
        }
    }

    @Test
    void gitAndAnEditorAtWorkInTheTreeNeverFailLint() throws Exception {
        Path tree = dir.resolve("tree");
        TestTrees.assertNoErrors(TestTrees.render(tree, TestTrees.settings(dir, Map.of()), List.of(), false));
        LintExpectations expect = new LintExpectations(true, true, false);
        List<Finding> quiet = new ImageLinter().lint(tree, expect, null);
        try (Churn churn = new Churn("x.conf~", tree.resolve(".git"), tree.resolve("files/system/etc"))) {
            for (int i = 0; i < 8 || churn.cycles() < 100; i++) { // a lint takes most of a second
                List<Finding> busy = new ImageLinter().lint(tree, expect, null).stream()
                        .filter(f -> f.location() == null || !f.location().contains("x.conf~")).toList();
                assertEquals(quiet, busy, "lint sees the same tree, whatever comes and goes beside it");
            }
        }
    }
}
