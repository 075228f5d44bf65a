package org.veilor.rnode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.testsupport.PtyPair;
import org.veilor.testsupport.SerialHolder;

/** Who holds a device, from {@code /proc}: a laid-out tree for the rules, the machine's for real processes. */
class PortHoldersTest {

    @TempDir
    Path dir;

    private Path process(Path proc, long pid, String comm) throws Exception {
        Path p = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.createDirectories(p.resolve("fd"));
        Files.createDirectories(p.resolve("fdinfo"));
        Files.writeString(p.resolve("comm"), comm + "\n");
        return p;
    }

    private static void fd(Path p, int fd, String target, String fdinfo) throws Exception {
        Files.createSymbolicLink(p.resolve("fd/" + fd), Path.of(target));
        Files.writeString(p.resolve("fdinfo/" + fd), "pos:\t0\nflags:\t02\n" + fdinfo);
    }

    @Test
    void holdersAreTheProcessesWithTheDeviceOpenExceptThePseudoTerminalsOwnProvider() throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc"));
        String device = "/dev/pts/64123"; // not on this machine: compared as written
        fd(process(proc, 812, "rnsd"), 3, device, "");
        Path socat = process(proc, 77, "socat"); // the provider: the slave and its master
        fd(socat, 5, "/dev/ptmx", "tty-index:\t64123\n");
        fd(socat, 6, device, "");
        Path bridge = process(proc, 90, "socat"); // a provider of another terminal that also has this one open
        fd(bridge, 4, "/dev/ptmx", "tty-index:\t3\n");
        fd(bridge, 7, device, "");
        fd(process(proc, 5000, "bash"), 0, "/dev/pts/1", "");
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("uptime"), "1.0 1.0\n");

        assertEquals(List.of(new PortHolders.Holder(90, "socat"), new PortHolders.Holder(812, "rnsd")),
                new PortHolders(proc).of(device));
        assertEquals("pid 812 (rnsd)", new PortHolders.Holder(812, "rnsd").describe());
        assertEquals(List.of(), new PortHolders(proc).of("/dev/ttyUSB9"));
        assertEquals(List.of(), new PortHolders(dir.resolve("no-proc")).of(device));
    }

    @Test
    void onThisMachineSocatIsNotAHolderOfItsOwnPtyButAnotherProgramIs() throws Exception {
        try (PtyPair pty = PtyPair.open(dir.resolve("pty"))) {
            PortHolders holders = PortHolders.system();
            assertEquals(List.of(), holders.of(pty.hostEnd().toString()), "socat keeps both ends open: it is the device");
            try (SerialHolder rnsd = SerialHolder.hold(pty.hostEnd(), false)) {
                assertEquals(List.of(new PortHolders.Holder(rnsd.pid(), "sleep")), holders.of(pty.hostEnd().toString()));
            }
            assertEquals(List.of(), holders.of(pty.hostEnd().toString()));
        }
    }
}
