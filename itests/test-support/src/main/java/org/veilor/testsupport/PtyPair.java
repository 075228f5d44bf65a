package org.veilor.testsupport;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudo-terminal pair made by {@code socat}: bytes written to one end come out of the
 * other, as between a host and a USB serial device. The ends are symbolic links in a folder
 * ({@code a} and {@code b}); {@link #close()} kills socat, which makes both ends disappear, as an
 * unplugged device does.
 */
public final class PtyPair implements AutoCloseable {

    private final Process socat;
    private final Path a;
    private final Path b;

    private PtyPair(Process socat, Path a, Path b) {
        this.socat = socat;
        this.a = a;
        this.b = b;
    }

    /** Starts socat with raw, echo-free ends linked as {@code dir/a} and {@code dir/b}. */
    public static PtyPair open(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.deleteIfExists(a);
        Files.deleteIfExists(b);
        Process p = new ProcessBuilder(List.of("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b))
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        try {
            Poll.until(Duration.ofSeconds(10), "socat PTY links", () -> Files.exists(a) && Files.exists(b));
        } catch (AssertionError e) {
            p.destroyForcibly();
            throw new IOException("socat did not create the PTY pair (is socat installed? scripts/test-setup.sh installs it)", e);
        }
        return new PtyPair(p, a, b);
    }

    /** The end a driver opens, like {@code /dev/ttyUSB0}. */
    public Path hostEnd() {
        return a;
    }

    /** The end an emulated device sits on. */
    public Path deviceEnd() {
        return b;
    }

    /**
     * Bytes the device sent that wait unread at the host end — what a driver opening the port
     * now finds left on the line. Asked with FIONREAD ({@code available()} on a character
     * device), so nothing is consumed.
     */
    public int waitingAtHostEnd() throws IOException {
        try (FileInputStream in = new FileInputStream(a.toFile())) {
            return in.available();
        }
    }

    public boolean alive() {
        return socat.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        socat.destroy();
        if (!socat.waitFor(5, TimeUnit.SECONDS)) {
            socat.destroyForcibly();
        }
    }
}
