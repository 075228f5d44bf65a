package org.veilor.itests.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program (an argv list, never a shell string) with a time bound, capturing its output. */
final class Processes {

    private Processes() {
    }

    /** What a finished program printed, and its exit status. */
    record Result(List<String> argv, int exitCode, String out, String err, Duration took) {

        Result requireSuccess(String what) {
            if (exitCode != 0) {
                throw new AssertionError("could not " + what + ": " + String.join(" ", argv) + " exited with "
                        + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
            }
            return this;
        }
    }

    static Result run(Duration timeout, Map<String, String> env, List<String> argv) throws IOException, InterruptedException {
        Path out = Files.createTempFile("veilor-boot", ".out");
        Path err = Files.createTempFile("veilor-boot", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            long started = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", argv) + " did not end within " + timeout.toSeconds()
                        + " s\nstdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
            }
            return new Result(argv, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
