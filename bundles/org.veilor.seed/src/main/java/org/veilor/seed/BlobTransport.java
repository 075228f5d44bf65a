package org.veilor.seed;

import java.io.IOException;
import org.veilor.seed.blake3.RangeDecoder;

/**
 * A way to fetch blobs: ticket in, verified bytes out. The built-in transport speaks HTTP to other
 * Veilor seed nodes; an iroh sidecar can be registered as another implementation (a service of this
 * type) without the rest of the seeder changing. Whatever the transport, only bytes that passed
 * BLAKE3 verification against the ticket's hash reach the sink, one 16 KiB chunk group at a time.
 */
public interface BlobTransport {

    /** Short name for status and logs, for example {@code http}. */
    String name();

    /** Whether this transport can try the provider the ticket names (an address it speaks to). */
    boolean accepts(BlobTicket ticket);

    /**
     * Fetches bytes {@code [start, start + length)} of the ticket's blob from the provider the ticket
     * names, verifying each chunk group against the ticket's hash before giving it to {@code sink}.
     * A {@code start} at or past the end fetches the last group, which proves the blob's size.
     *
     * @return the blob size, as the provider declared it (proven once the last group verified)
     * @throws org.veilor.seed.blake3.Blake3VerificationException when the provider sent bytes that do
     *         not match the hash: it lies, drop it
     * @throws IOException when the provider is unreachable, does not hold the blob, or the stream broke;
     *         groups delivered before the failure stay verified
     */
    long fetch(BlobTicket ticket, long start, long length, RangeDecoder.Sink sink) throws IOException;
}
