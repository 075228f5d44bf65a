package org.veilor.seed.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.veilor.core.FileAttrs;
import org.veilor.core.Folders;
import org.veilor.core.Host;
import org.veilor.seed.blake3.Blake3;
import org.veilor.seed.blake3.Blake3Hash;
import org.veilor.seed.blake3.Blake3Hasher;
import org.veilor.seed.blake3.Outboard;

/**
 * The content store's files, under the store folder (owner-only):
 * {@code blobs/<2 hex>/<hash>} the data of added and pulled blobs, {@code outboards/<2 hex>/<hash>.obao}
 * the hash tree of every blob over 16 KiB (origin files too: their data stays in place, read-only),
 * {@code partial/} pulls in progress, {@code tmp/} files being written.
 *
 * <p>Every file reaches its final name complete: written in {@code tmp/}, synced, renamed (atomic on
 * one file system), its folder synced; the outboard before the data, and the index row after both,
 * so a blob the index names is whole. A crash leaves only {@code tmp/} files and unindexed data,
 * which {@link #clearTmp} and the node's recovery remove.
 */
final class BlobStore {

    /** A blob that reached the store (or whose outboard did, for an origin file). */
    record Stored(Blake3Hash hash, long size) {
    }

    private final Host host;
    private final String hostRoot;
    private final Path root;
    private final Blake3 engine;

    BlobStore(Host host, String hostRoot, Blake3 engine) throws IOException {
        this.host = host;
        this.hostRoot = hostRoot;
        this.engine = engine;
        for (String sub : new String[] { "", "/blobs", "/outboards", "/partial", "/tmp" }) {
            host.mkdirs(hostRoot + sub, FileAttrs.PRIVATE_FOLDER);
        }
        this.root = host.resolve(hostRoot);
    }

    Path root() {
        return root;
    }

    Host host() {
        return host;
    }

    /** Host path of a file in the store. */
    String hostPath(String relative) {
        return hostRoot + "/" + relative;
    }

    Path data(Blake3Hash h) {
        return root.resolve("blobs").resolve(h.toHex().substring(0, 2)).resolve(h.toHex());
    }

    Path outboard(Blake3Hash h) {
        return root.resolve("outboards").resolve(h.toHex().substring(0, 2)).resolve(h.toHex() + ".obao");
    }

    Path partial(Blake3Hash h, String suffix) {
        return root.resolve("partial").resolve(h.toHex() + suffix);
    }

    /**
     * Hashes a file where it lies (an origin: never copied, never written) and stores its outboard.
     * The file must not change meanwhile: size and modification time are compared before and after.
     *
     * @throws IOException also when the file changed while it was hashed (the caller tries again later)
     */
    Stored outboardInPlace(Path file) throws IOException {
        FileTime before = Files.getLastModifiedTime(file);
        if (Outboard.outboardSize(Files.size(file)) == 0) {
            // Up to 16 KiB the data is its own proof: no outboard, so no temporary file and no fsync
            // (ingest of many small files is bound by fsyncs, see bench/seed).
            byte[] data = Files.readAllBytes(file);
            if (Outboard.outboardSize(data.length) != 0 || !Files.getLastModifiedTime(file).equals(before)) {
                throw new IOException(file + " changed while it was hashed");
            }
            return new Stored(engine.hash(data), data.length);
        }
        Path tmp = temp("origin");
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = in.size();
            Outboard ob = Outboard.create(engine, in, size, out);
            if (in.size() != size || !Files.getLastModifiedTime(file).equals(before)) {
                throw new IOException(file + " changed while it was hashed");
            }
            out.force(true);
            commitOutboard(tmp, ob.root(), size);
            return new Stored(ob.root(), size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Copies a stream into the store as a blob of its own (hashing as it copies), outboard and all. */
    Stored importCopy(InputStream source) throws IOException {
        Path tmp = temp("copy");
        try {
            Blake3Hasher hasher = engine.newHasher();
            long size = 0;
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = source.read(buf)) > 0; size += n) {
                    hasher.update(buf, 0, n);
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                }
                out.force(true);
            }
            Blake3Hash hash = hasher.finalizeHash();
            commitData(tmp, hash, size);
            return new Stored(hash, size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Moves complete, verified data into the store under its hash, with its outboard built from it;
     * the data is hashed once more on the way, and refused if the root differs.
     */
    void commitData(Path complete, Blake3Hash expected, long size) throws IOException {
        Path obTmp = temp("outboard");
        try {
            try (FileChannel in = FileChannel.open(complete, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    FileChannel out = FileChannel.open(obTmp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                if (in.size() != size) {
                    throw new IOException("the data of " + expected.toShortHex() + " has " + in.size() + " bytes, not " + size);
                }
                Outboard ob = Outboard.create(engine, in, size, out);
                if (!ob.root().equals(expected)) {
                    throw new IOException("the data of " + expected.toShortHex() + " hashes to " + ob.root().toShortHex());
                }
                in.force(true);
                out.force(true);
            }
            commitOutboard(obTmp, expected, size);
            Path target = data(expected);
            Files.createDirectories(target.getParent());
            Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder(target.getParent());
        } finally {
            Files.deleteIfExists(obTmp);
        }
    }

    private void commitOutboard(Path tmp, Blake3Hash hash, long size) throws IOException {
        if (Outboard.outboardSize(size) == 0) {
            return; // up to 16 KiB the data is its own proof
        }
        Path target = outboard(hash);
        Files.createDirectories(target.getParent());
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncFolder(target.getParent());
    }

    /** The outboard of a stored blob, reading from {@code channel} (opened on {@link #outboard}, or null up to 16 KiB). */
    static Outboard outboard(Blake3Hash hash, long size, FileChannel channel) throws IOException {
        return Outboard.outboardSize(size) == 0 ? Outboard.of(hash, size, new byte[0]) : Outboard.open(hash, size, channel);
    }

    void deleteData(Blake3Hash h) throws IOException {
        Files.deleteIfExists(data(h));
    }

    void deleteOutboard(Blake3Hash h) throws IOException {
        Files.deleteIfExists(outboard(h));
    }

    /** Hashes of every data file in {@code blobs/} (recovery compares them with the index). */
    List<Blake3Hash> storedData() throws IOException {
        return hashesUnder(root.resolve("blobs"), "");
    }

    /** Hashes of every outboard in {@code outboards/}. */
    List<Blake3Hash> storedOutboards() throws IOException {
        return hashesUnder(root.resolve("outboards"), ".obao");
    }

    private static List<Blake3Hash> hashesUnder(Path dir, String suffix) throws IOException {
        List<Blake3Hash> out = new ArrayList<>();
        for (Path shard : Folders.list(dir)) {
            for (Path f : Folders.list(shard)) {
                String n = f.getFileName().toString();
                if (n.length() == 64 + suffix.length() && n.endsWith(suffix)) {
                    out.add(Blake3Hash.parse(n.substring(0, 64)));
                }
            }
        }
        return out;
    }

    /** Removes what a crash left in {@code tmp/}; returns how many files. */
    int clearTmp() throws IOException {
        int n = 0;
        for (Path f : Folders.list(root.resolve("tmp"))) {
            if (Files.deleteIfExists(f)) {
                n++;
            }
        }
        return n;
    }

    /** A new owner-only file in {@code tmp/}. */
    Path temp(String kind) throws IOException {
        return Files.createTempFile(root.resolve("tmp"), kind + "-", ".tmp",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    }

    static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to sync a folder; the rename itself is still atomic.
        }
    }
}
