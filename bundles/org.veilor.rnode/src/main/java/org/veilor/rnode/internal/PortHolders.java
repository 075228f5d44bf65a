package org.veilor.rnode.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which processes have a serial device open, read from {@code /proc/<pid>/fd} as {@code fuser}
 * does. A program that opens a port without locking it (a plain {@code open()}, a serial library
 * without its exclusive mode) is only seen this way: jSerialComm would open the port beside it, and
 * both would then read the device's answers.
 *
 * <p>A pseudo-terminal's own provider (socat, a TCP-to-serial bridge) keeps its slave end open as
 * part of being the device; it is recognised by also holding the master of that terminal
 * ({@code /dev/ptmx} with the same {@code tty-index}) and is not counted. Processes of other users
 * are invisible to an unprivileged agent (it runs as root on a node).
 */
final class PortHolders {

    /** A process holding the device. */
    record Holder(long pid, String command) {
        String describe() {
            return "pid " + pid + (command.isEmpty() ? "" : " (" + command + ")");
        }
    }

    private final Path proc;

    PortHolders(Path proc) {
        this.proc = proc;
    }

    /** The machine's processes. */
    static PortHolders system() {
        return new PortHolders(Path.of("/proc"));
    }

    /** The processes that have the device behind {@code path} open, its pseudo-terminal provider aside. */
    List<Holder> of(String path) {
        String device = PortClaims.realPath(path);
        int ptyIndex = ptyIndex(device);
        List<Holder> holders = new ArrayList<>();
        if (!Files.isDirectory(proc)) {
            return holders;
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("[0-9]+"))) {
            for (Path pid : pids) {
                Holding h = holding(pid, device, ptyIndex);
                if (h.device && !h.ptyMaster) {
                    holders.add(new Holder(Long.parseLong(pid.getFileName().toString()), command(pid)));
                }
            }
        } catch (IOException e) {
            // /proc unreadable: nobody can be seen
        }
        holders.sort((a, b) -> Long.compare(a.pid(), b.pid()));
        return holders;
    }

    private record Holding(boolean device, boolean ptyMaster) {
    }

    private static Holding holding(Path pid, String device, int ptyIndex) {
        boolean dev = false;
        boolean master = false;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    continue; // closed meanwhile
                }
                if (target.equals(device)) {
                    dev = true;
                } else if (ptyIndex >= 0 && (target.equals("/dev/ptmx") || target.equals("/dev/pts/ptmx"))) {
                    master |= ptyIndex == ttyIndex(pid.resolve("fdinfo").resolve(fd.getFileName()));
                }
            }
        } catch (IOException | SecurityException e) {
            // exited, or another user's process
        }
        return new Holding(dev, master);
    }

    /** N of a device {@code /dev/pts/N}, else -1. */
    static int ptyIndex(String device) {
        return device.matches("/dev/pts/[0-9]+") ? Integer.parseInt(device.substring("/dev/pts/".length())) : -1;
    }

    /** The {@code tty-index} line of a master's fdinfo (Linux 4.15 and later), else -1. */
    private static int ttyIndex(Path fdinfo) {
        try {
            for (String line : Files.readAllLines(fdinfo)) {
                if (line.startsWith("tty-index:")) {
                    return Integer.parseInt(line.substring("tty-index:".length()).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone, or an older kernel
        }
        return -1;
    }

    private static String command(Path pid) {
        try {
            return Files.readString(pid.resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
