package org.veilor.seed.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.veilor.seed.blake3.Blake3;
import org.veilor.seed.blake3.Blake3Hash;
import org.veilor.seed.blake3.Outboard;

/**
 * {@code seed:hash}: BLAKE3 of files, printed as b3sum prints it, so an operator can compare a
 * blob's hash with another node's or with {@code b3sum}, see which kernel this JVM uses, and write
 * a chunk-group outboard.
 */
@Command(scope = "seed", name = "hash", description = "Prints the BLAKE3 hash of files like b3sum (hex, two spaces, name); with --verbose also the size, speed and the kernel in use (vector or scalar).")
@Service
public class HashCommand implements Action {

    @Argument(index = 0, name = "files", description = "Files to hash", required = true, multiValued = true)
    @Completion(FileCompleter.class)
    List<String> files;

    @Option(name = "--threads", aliases = "-t", description = "Hash large files on every core (default: one thread)")
    boolean threads;

    @Option(name = "--outboard", aliases = "-o", description = "Also write each file's 16 KiB chunk-group outboard (iroh pre-order layout) to FILE.obao; none is needed up to 16 KiB")
    boolean outboard;

    @Option(name = "--verbose", aliases = "-v", description = "Print the kernel in use, then size and MB/s for each file")
    boolean verbose;

    @Override
    public Object execute() throws Exception {
        Blake3 engine = threads ? Blake3.standard().parallel() : Blake3.standard();
        PrintStream out = System.out;
        if (verbose) {
            out.println("kernel: " + engine.implementation());
        }
        for (String name : files) {
            Path file = Path.of(name).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("not a readable file: " + file);
            }
            long size = Files.size(file);
            long t0 = System.nanoTime();
            Blake3Hash hash = outboard ? writeOutboard(engine, file, size) : engine.hash(file);
            double secs = (System.nanoTime() - t0) / 1e9;
            out.println(hash.toHex() + "  " + name);
            if (verbose) {
                out.printf("  %d bytes in %.3f s (%.1f MB/s)%n", size, secs, size / Math.max(secs, 1e-9) / 1e6);
            }
        }
        return null;
    }

    private static Blake3Hash writeOutboard(Blake3 engine, Path file, long size) throws IOException {
        Path ob = file.resolveSibling(file.getFileName() + ".obao");
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(ob, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ)) {
            return Outboard.create(engine, in, size, out).root();
        }
    }
}
