package org.veilor.itests.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The veilor distribution artefact unpacked once per test JVM, the way a node has it: a
 * read-only home (as /usr/lib/veilor is) from which instances are started on fresh bases with
 * {@code bin/veilor}, exactly as a user does. Not pax-exam: these tests are about the
 * distribution's own start, which pax-exam replaces with its own boot.
 */
final class Distribution {

    private static Distribution unpacked;

    private final Path home;
    private final Path work;

    private Distribution(Path home, Path work) {
        this.home = home;
        this.work = work;
    }

    /** The distribution under test (the karaf-assembly tarball), unpacked on first use. */
    static synchronized Distribution get() throws Exception {
        if (unpacked == null) {
            Path work = Path.of(System.getProperty("veilor.itest.dir", "target/itest-work")).toAbsolutePath().resolve("boot");
            Path home = work.resolve("veilor");
            if (Files.exists(home)) {
                Processes.run(Duration.ofMinutes(1), Map.of(), List.of("chmod", "-R", "u+w", home.toString()));
                Processes.run(Duration.ofMinutes(1), Map.of(), List.of("rm", "-rf", home.toString()));
            }
            Files.createDirectories(home);
            Processes.run(Duration.ofMinutes(2), Map.of(), List.of("tar", "xzf", System.getProperty("karaf.assembly"),
                    "-C", home.toString(), "--strip-components=1")).requireSuccess("unpack the distribution");
            // Read-only, as on a node: a start that writes into the home fails here.
            Processes.run(Duration.ofMinutes(1), Map.of(), List.of("chmod", "-R", "a-w", home.toString()))
                    .requireSuccess("make the distribution read-only");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    // So that mvn clean (not root) can delete it.
                    new ProcessBuilder("chmod", "-R", "u+w", home.toString()).start().waitFor();
                } catch (IOException | InterruptedException e) {
                    // best effort at JVM exit
                }
            }));
            unpacked = new Distribution(home, work);
        }
        return unpacked;
    }

    Path home() {
        return home;
    }

    /** A new, empty base folder under this test run's work folder (an earlier one is removed). */
    Path freshBase(String name) throws Exception {
        Path base = work.resolve("bases").resolve(name);
        Processes.run(Duration.ofMinutes(1), Map.of(), List.of("rm", "-rf", base.toString()));
        return Files.createDirectories(base.getParent()).resolve(name);
    }

    /** A file from the distribution's etc/ (the base's etc/ starts as a copy of it). */
    Path etc(String file) {
        return home.resolve("etc").resolve(file);
    }
}
