package org.veilor.seed.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.veilor.seed.BlobTicket;
import org.veilor.testsupport.FreePorts;

/**
 * The child JVM of {@link CrashRecoveryTest}: a seed node (folder {@code args[0]}/{@code args[1]},
 * H2 file database {@code args[2]}) that starts writing — {@code add}: a copy into the store, fed
 * slowly; {@code pull TICKET}: a pull from a provider — reports its progress on stdout and is
 * killed (SIGKILL) by the test somewhere in the middle.
 */
public final class KilledWriterMain {

    private KilledWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        TestNode n = TestNode.create(Path.of(args[0]), args[1], TestNode.h2File(Path.of(args[2])), FreePorts.next(),
                Clock.systemUTC()).start(Map.of());
        if (args[3].equals("add")) {
            n.node.holdings().add(new SlowStream());
            System.out.println("finished (the test should have killed this JVM)");
        } else {
            BlobTicket t = BlobTicket.parse(args[4]);
            Pull p = n.node.pull(t.hash(), List.of(t));
            p.onProgress(v -> {
                System.out.println("verified " + v);
                System.out.flush();
            });
            p.awaitComplete(600_000);
            System.out.println("finished (the test should have killed this JVM)");
        }
        System.exit(3);
    }

    /** 1 GiB of bytes, 64 KiB every 20 ms, saying how far it got. */
    private static final class SlowStream extends InputStream {
        private long given;

        @Override
        public int read() {
            throw new UnsupportedOperationException("read in blocks");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (given >= 1L << 30) {
                return -1;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            int n = Math.min(len, 65536);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) (given + i);
            }
            given += n;
            System.out.println("writing " + given);
            System.out.flush();
            return n;
        }
    }
}
