package org.veilor.seed.blake3;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ForkJoinPool;

/**
 * BLAKE3 (hash, keyed hash, key derivation, extended output), fast where Java allows: a Vector API
 * kernel hashing 8 or 16 chunks side by side when {@code jdk.incubator.vector} is present, the
 * plain Java kernel otherwise, and optionally several threads for inputs of 2 MiB and more.
 *
 * <p>An instance is an immutable choice of kernel and thread pool; {@link #standard()} suits most
 * callers. All paths give identical results (the vector kernel is checked against the scalar one
 * when it is chosen, and the tests compare them on random inputs).
 *
 * <pre>{@code
 * Blake3Hash h = Blake3.standard().hash(bytes);               // h.toHex()
 * Blake3Hash f = Blake3.standard().parallel().hash(path);      // a big file on every core
 * Blake3Hasher s = Blake3.standard().newHasher(); s.update(a).update(b); s.finalizeBytes(64);
 * }</pre>
 */
public final class Blake3 {

    /** Bytes of a key for {@link #keyedHash} and {@link #newKeyedHasher}. */
    public static final int KEY_LENGTH = Compressor.KEY_LEN;

    private static final Blake3 STANDARD = new Blake3(Kernels.best(), null);
    private static final Blake3 SCALAR = new Blake3(ScalarKernel.INSTANCE, null);

    private final Kernel kernel;
    private final ForkJoinPool pool;

    private Blake3(Kernel kernel, ForkJoinPool pool) {
        this.kernel = kernel;
        this.pool = pool;
    }

    /** The fastest kernel available in this JVM, on the calling thread only. */
    public static Blake3 standard() {
        return STANDARD;
    }

    /** The plain Java kernel, whatever the JVM offers (for comparison and diagnosis). */
    public static Blake3 scalar() {
        return SCALAR;
    }

    /** The same kernel, hashing large inputs on {@code pool}'s threads. */
    public Blake3 parallel(ForkJoinPool pool) {
        return new Blake3(kernel, java.util.Objects.requireNonNull(pool, "pool"));
    }

    /**
     * The same kernel, hashing large inputs on a shared pool with one thread per core (daemon
     * threads, idle ones end by themselves). Not the common pool: it has one thread fewer than there
     * are cores, which on a two-core node is one.
     */
    public Blake3 parallel() {
        return parallel(SharedPool.POOL);
    }

    /** Created on first use of {@link #parallel()}. */
    private static final class SharedPool {
        static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors(), pool -> {
            java.util.concurrent.ForkJoinWorkerThread t =
                    ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("veilor-blake3-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /** The same kernel on the calling thread only. */
    public Blake3 sequential() {
        return pool == null ? this : new Blake3(kernel, null);
    }

    Kernel kernel() {
        return kernel;
    }

    ForkJoinPool pool() {
        return pool;
    }

    /** Whether this instance uses the Vector API kernel. */
    public boolean isVectorized() {
        return kernel != ScalarKernel.INSTANCE;
    }

    /**
     * What this instance runs on, for status output: for example {@code "vector (512-bit, 16 lanes)"},
     * or {@code "scalar (Vector API not available (...))"}, plus the thread count when parallel.
     */
    public String implementation() {
        String k = kernel.describe();
        if (!isVectorized() && this != SCALAR && Kernels.whyNotVector() != null) {
            k += " (" + Kernels.whyNotVector() + ")";
        }
        return pool == null ? k : k + ", " + pool.getParallelism() + " threads";
    }

    /** A hasher for plain hashing. */
    public Blake3Hasher newHasher() {
        return new Blake3Hasher(kernel, pool, Compressor.IV, 0);
    }

    /** A hasher for keyed hashing (a MAC) under a 32-byte key. */
    public Blake3Hasher newKeyedHasher(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("a BLAKE3 key has 32 bytes, not " + key.length);
        }
        return new Blake3Hasher(kernel, pool, Compressor.words(key, 0), Compressor.KEYED_HASH);
    }

    /**
     * A hasher deriving keys for {@code context} (a hard-coded, globally unique, application-specific
     * string, e.g. {@code "veilor 2026-06-01 seed topic"}): feed it the key material.
     */
    public Blake3Hasher newDeriveKeyHasher(String context) {
        byte[] contextKey = new Blake3Hasher(kernel, null, Compressor.IV, Compressor.DERIVE_KEY_CONTEXT)
                .update(context.getBytes(StandardCharsets.UTF_8)).finalizeHash().raw();
        return new Blake3Hasher(kernel, pool, Compressor.words(contextKey, 0), Compressor.DERIVE_KEY_MATERIAL);
    }

    /** The hash of {@code in}. */
    public Blake3Hash hash(byte[] in) {
        return newHasher().update(in).finalizeHash();
    }

    /** The hash of {@code in[off .. off + len)}. */
    public Blake3Hash hash(byte[] in, int off, int len) {
        return newHasher().update(in, off, len).finalizeHash();
    }

    /** The keyed hash of {@code in} under a 32-byte key. */
    public Blake3Hash keyedHash(byte[] key, byte[] in) {
        return newKeyedHasher(key).update(in).finalizeHash();
    }

    /** {@code length} bytes of key derived from {@code material} for {@code context}. */
    public byte[] deriveKey(String context, byte[] material, int length) {
        return newDeriveKeyHasher(context).update(material).finalizeBytes(length);
    }

    /** The hash of a file's content, in constant memory (see {@link #hash(FileChannel, long)}). */
    public Blake3Hash hash(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return hash(ch, ch.size());
        }
    }

    /**
     * The hash of the first {@code size} bytes of {@code channel}, read with positional reads (the
     * channel's position is not used). Memory stays constant: one 1 MiB buffer per thread at work.
     *
     * @throws IOException also when the channel ends before {@code size} bytes
     */
    public Blake3Hash hash(FileChannel channel, long size) throws IOException {
        Blake3Hasher h = newHasher();
        new ChannelReader(channel, size, kernel, pool).feed(h);
        return h.finalizeHash();
    }
}
