package org.veilor.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another program holding a serial port: a real process that opens the port read-write and keeps
 * it open until closed — as rnsd does while it runs, or a child of rnsd that inherited the port and
 * outlives it. With {@code exclusive}, it also takes the lock serial libraries take on open
 * ({@code flock(LOCK_EX|LOCK_NB)}, as jSerialComm does), so an exclusive open elsewhere fails with
 * EAGAIN. It never reads: whatever the device sends stays on the line.
 */
public final class SerialHolder implements AutoCloseable {

    private final Process process;
    private final long pid;

    private SerialHolder(Process process, long pid) {
        this.process = process;
        this.pid = pid;
    }

    /** Opens {@code port} in a new process and returns once it holds it (and its lock, when exclusive). */
    public static SerialHolder hold(Path port, boolean exclusive) throws Exception {
        String script = "exec 3<>\"$1\" || exit 1\n"
                + "if [ \"$2\" = exclusive ]; then flock -n 3 || { echo 'lock taken by someone else' >&2; exit 2; }; fi\n"
                + "exec sleep infinity\n"; // sleep inherits the port (and the lock) and holds it until killed
        Process p = new ProcessBuilder(List.of("bash", "-c", script, "serial-holder", port.toString(),
                exclusive ? "exclusive" : "shared")).redirectErrorStream(true).start();
        Path proc = Path.of("/proc", Long.toString(p.pid()));
        try {
            // Held once the shell has become sleep with the port on fd 3 (the lock is taken before that).
            Poll.until(Duration.ofSeconds(60), "a process holding " + port, () -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("exited with " + p.exitValue() + ": "
                            + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
                }
                return Files.readString(proc.resolve("comm")).strip().equals("sleep") && Files.exists(proc.resolve("fd/3"));
            });
        } catch (AssertionError e) {
            p.destroyForcibly();
            throw new IOException("could not hold " + port, e);
        }
        return new SerialHolder(p, p.pid());
    }

    /** The process holding the port (its command is {@code sleep}). */
    public long pid() {
        return pid;
    }

    public boolean holding() {
        return process.isAlive();
    }

    /** Ends the process: the port (and its lock) is released once it has exited. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
