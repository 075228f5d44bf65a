package org.veilor.seed.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * Pull throughput over loopback: node B pulls a blob from node A through the real transport
 * (ranges in the verified-streaming layout, every 16 KiB chunk group checked, written to a partial
 * file, committed with its outboard), against the baseline "plain HTTP": the same bytes fetched
 * unverified from the same Jetty on A, read and thrown away.
 */
final class PullBench implements AutoCloseable {

    private final BenchNode a;
    private final BenchNode b;
    private final Blake3Hash hash;
    private final BlobTicket ticket;
    private final long size;

    PullBench(Path work, int blobMib) throws Exception {
        Path rootA = work.resolve("provider");
        IngestBench.deleteTree(rootA);
        IngestBench.deleteTree(work.resolve("puller"));
        Path[] file = new Path[1];
        HttpServlet raw = new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("application/octet-stream");
                resp.setContentLengthLong(Files.size(file[0]));
                try (OutputStream out = resp.getOutputStream()) {
                    Files.copy(file[0], out);
                }
            }
        };
        this.a = new BenchNode(rootA, "provider-" + System.nanoTime(), BenchNode.freePort(), Map.of(), "/raw", raw);
        this.b = new BenchNode(work.resolve("puller"), "puller-" + System.nanoTime(), BenchNode.freePort(), Map.of(), null, null);
        Path src = work.resolve("blob.bin");
        byte[] buf = new byte[1 << 20];
        Random r = new Random(7);
        try (OutputStream out = Files.newOutputStream(src)) {
            for (int i = 0; i < blobMib; i++) {
                r.nextBytes(buf);
                out.write(buf);
            }
        }
        try (InputStream in = Files.newInputStream(src)) {
            this.hash = a.node.holdings().add(in).hash();
        }
        Files.delete(src);
        file[0] = a.node.store().data(hash);
        this.ticket = a.node.gossip().ticket(hash);
        this.size = (long) blobMib << 20;
    }

    long bytes() {
        return size;
    }

    /** The baseline: the same bytes over plain HTTP from the same server, unverified. */
    void plainHttp() throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + a.port + "/raw").openConnection();
        long n = 0;
        try (InputStream in = c.getInputStream()) {
            byte[] buf = new byte[1 << 16];
            for (int k; (k = in.read(buf)) > 0;) {
                n += k;
            }
        }
        if (n != size) {
            throw new IOException("plain download got " + n + " of " + size + " bytes");
        }
    }

    /** One verified pull into B's cache; the blob is evicted again afterwards (not timed by the caller's next run). */
    void pull() throws IOException {
        Pull p = b.node.pull(hash, List.of(ticket));
        p.awaitComplete(120_000);
        if (!b.node.holdings().holds(hash)) {
            throw new IOException("the pull completed but B does not hold the blob");
        }
    }

    /** Empties B's cache between runs. */
    void evict() throws IOException {
        b.node.cache().evictTo(0, 0);
    }

    @Override
    public void close() throws Exception {
        a.close();
        b.close();
    }
}
