package org.veilor.seed.internal;

import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.BlobTransport;
import org.veilor.seed.blake3.Blake3VerificationException;
import org.veilor.seed.blake3.Outboard;

/**
 * Fetches one pull to completion: proves the size (the last chunk group first: its verification
 * proves the size the tree was built over), makes room in the cache, then fetches missing groups in
 * runs — what readers wait for first, then the rest — from one provider after the other. A
 * provider whose bytes do not verify is reported as a liar and dropped; one that fails otherwise
 * (gone, refused, cut off) is left for the next; verified groups always stay, so the next provider,
 * or a later pull after a restart, continues from them.
 */
final class PullWorker implements Runnable {

    /** Groups per request while a reader waits (1 MiB), and for background completion (4 MiB). */
    static final int WANTED_RUN = 64;
    static final int BACKGROUND_RUN = 256;
    /** A start far past any blob's end: the transport then sends the last group, proving the size. */
    private static final long PAST_THE_END = 1L << 62;

    /** What the worker needs from the node. */
    interface Context {
        /** The transport for a ticket, or null when none accepts it. */
        BlobTransport transport(BlobTicket ticket);

        /** Opens (or resumes) the partial file for a proven size, after making room in the cache. */
        PartialBlob open(Pull pull, long size) throws IOException;

        /** The size a paused pull of this blob proved before, or -1. */
        long recordedSize(Pull pull) throws IOException;

        /** A provider sent bytes that do not match. */
        void liar(Pull pull, BlobTicket provider, IOException e);

        /** Moves the complete blob into the store and the index. */
        void commit(Pull pull) throws IOException;
    }

    private final Logger logger = LoggerFactory.getLogger(PullWorker.class);
    private final Pull pull;
    private final Context context;

    PullWorker(Pull pull, Context context) {
        this.pull = pull;
        this.context = context;
    }

    @Override
    public void run() {
        IOException failure = null;
        try {
            fetchAll();
            context.commit(pull);
        } catch (IOException e) {
            logger.debug("pull of {} failed: {}", pull.hash().toShortHex(), e.getMessage());
            failure = e;
        } catch (RuntimeException e) {
            logger.warn("pull of {} failed unexpectedly: {}", pull.hash().toShortHex(), e.toString(), e);
            failure = new IOException(e.toString(), e);
        }
        // A paused pull records its verified groups to resume from — before the outcome is told:
        // once the pull is finished a new pull of the same blob may start (and even commit), and a
        // checkpoint after that would bring back a state file for it. A committed pull's partial is
        // retired and writes none.
        if (failure != null && pull.partial() != null) {
            try {
                pull.partial().checkpoint();
            } catch (IOException e) {
                logger.debug("recording the partial pull of {}: {}", pull.hash().toShortHex(), e.getMessage());
            }
        }
        try {
            if (failure == null) {
                pull.completed();
            } else {
                pull.failed(failure);
            }
        } finally {
            try {
                pull.workerDone();
            } catch (IOException e) {
                logger.debug("closing the partial pull of {}: {}", pull.hash().toShortHex(), e.getMessage());
            }
        }
    }

    private void fetchAll() throws IOException {
        long recorded = context.recordedSize(pull);
        if (recorded >= 0) {
            pull.sized(context.open(pull, recorded));
        }
        IOException lastFailure = null;
        for (BlobTicket provider = pull.nextProvider(); provider != null; provider = pull.nextProvider()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("the seed node is stopping");
            }
            BlobTransport transport = context.transport(provider);
            if (transport == null) {
                lastFailure = new IOException("no transport reaches " + provider.endpoint().toShortHex());
                continue;
            }
            try {
                fetchFrom(provider, transport);
                return;
            } catch (Blake3VerificationException | SizeLie e) {
                context.liar(pull, provider, e);
                lastFailure = e;
            } catch (IOException e) {
                logger.debug("provider {} of {} failed: {}", provider.endpoint().toShortHex(), pull.hash().toShortHex(),
                        e.getMessage());
                lastFailure = e;
            }
        }
        throw new IOException("no provider could deliver it"
                + (lastFailure == null ? " (none announced it)" : "; the last said: " + lastFailure.getMessage()), lastFailure);
    }

    private void fetchFrom(BlobTicket provider, BlobTransport transport) throws IOException {
        if (pull.partial() == null) {
            byte[][] last = new byte[1][];
            long[] lastOffset = new long[1];
            long size = transport.fetch(provider, PAST_THE_END, 0, (off, b, o, l) -> {
                last[0] = java.util.Arrays.copyOfRange(b, o, o + l);
                lastOffset[0] = off;
            });
            PartialBlob partial = context.open(pull, size);
            if (last[0] != null && !partial.has(lastOffset[0] / Outboard.CHUNK_GROUP_SIZE)) {
                partial.write(lastOffset[0], last[0], 0, last[0].length);
            }
            pull.sized(partial);
            pull.groupVerified(partial.verifiedBytes());
        }
        PartialBlob partial = pull.partial();
        long g = Outboard.CHUNK_GROUP_SIZE;
        while (!partial.complete()) {
            long[] want = pull.nextWanted();
            List<long[]> runs = want != null ? partial.missing(want[0], want[1], WANTED_RUN)
                    : partial.missing(0, partial.groups() - 1, BACKGROUND_RUN);
            long[] run = runs.get(0);
            long declared = transport.fetch(provider, run[0] * g, run[1] * g, (off, b, o, l) -> {
                partial.write(off, b, o, l);
                pull.groupVerified(partial.verifiedBytes());
            });
            if (declared != partial.size()) {
                // Groups away from the end can verify under a wrong size; the proven size decides.
                throw new SizeLie(provider.endpoint().toShortHex() + " declared " + declared
                        + " bytes for a blob proven to hold " + partial.size());
            }
        }
    }

    /** Picks a provider's transport among those offered, first accepting one wins. */
    static BlobTransport first(List<BlobTransport> transports, BlobTicket ticket) {
        return transports.stream().filter(t -> t.accepts(ticket)).findFirst().orElse(null);
    }

    /** A provider declared a size other than the proven one. */
    static final class SizeLie extends IOException {
        private static final long serialVersionUID = 1L;

        SizeLie(String message) {
            super(message);
        }
    }
}
