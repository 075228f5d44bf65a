package org.veilor.rnode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.PtyPair;
import org.veilor.testsupport.SerialHolder;

/** Opening a port another program may still hold, on a real PTY: its lock, its open file, the bound. */
class PortAcquirerTest {

    @TempDir
    Path dir;

    /** Sees no process in /proc: only the serial lock tells that the port is held. */
    private PortAcquirer lockOnly() throws IOException {
        return new PortAcquirer(JSerialCommLine.OPENER, new PortHolders(Files.createDirectories(dir.resolve("empty-proc"))));
    }

    @Test
    void aLockedPortIsWaitedForWithItsSerialErrorShownAndOpenedOnceReleased() throws Exception {
        try (PtyPair pty = PtyPair.open(dir.resolve("pty"))) {
            SerialHolder holder = SerialHolder.hold(pty.hostEnd(), true);
            List<String> waits = new CopyOnWriteArrayList<>();
            CompletableFuture<SerialLine> open = CompletableFuture.supplyAsync(() -> {
                try {
                    return lockOnly().open(pty.hostEnd().toString(), 300_000, () -> false, waits::add);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Poll.assertEventually(RadioRig.TIMEOUT, () -> assertTrue(waits.size() >= 2, waits.toString()));
            assertTrue(waits.get(0).startsWith("cannot open " + pty.hostEnd() + ": another program holds it locked (serial error 11"),
                    waits.get(0));
            assertTrue(waits.get(0).matches(".*; waiting for it to be released \\([0-9.]+ s of 300\\.0 s\\)"), waits.get(0));
            holder.close();
            try (SerialLine line = open.get(60, TimeUnit.SECONDS)) {
                assertEquals(pty.hostEnd().toString(), line.path());
            }
        }
    }

    @Test
    void withoutWaitingAHeldPortIsReportedAtOnceAndAMissingOneIsNeverWaitedFor() throws Exception {
        try (PtyPair pty = PtyPair.open(dir.resolve("pty")); SerialHolder holder = SerialHolder.hold(pty.hostEnd(), true)) {
            PortAcquirer.StillHeld e = assertThrows(PortAcquirer.StillHeld.class,
                    () -> RadioRig.ports().open(pty.hostEnd().toString(), 0, () -> false, w -> { }));
            assertEquals(pty.hostEnd() + " is held by pid " + holder.pid() + " (sleep)", e.getMessage());
            PortAcquirer.StillHeld locked = assertThrows(PortAcquirer.StillHeld.class,
                    () -> lockOnly().open(pty.hostEnd().toString(), 0, () -> false, w -> { }));
            assertTrue(locked.getMessage().startsWith("cannot open " + pty.hostEnd() + ": another program holds it locked"),
                    locked.getMessage());
        }
        IOException missing = assertThrows(IOException.class,
                () -> RadioRig.ports().open(dir.resolve("gone").toString(), 300_000, () -> false, w -> { }));
        assertEquals(dir.resolve("gone") + " does not exist", missing.getMessage());
    }
}
