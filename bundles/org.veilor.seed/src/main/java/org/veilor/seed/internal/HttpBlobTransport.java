package org.veilor.seed.internal;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.time.Duration;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.BlobTransport;
import org.veilor.seed.blake3.Blake3;
import org.veilor.seed.blake3.RangeDecoder;

/**
 * The built-in transport: HTTP to another Veilor seed node's transport endpoint,
 * {@code GET /veilor-seed/v1/blob/<hash>?start=S&length=L}, which answers with the range in the
 * verified-streaming layout ({@link org.veilor.seed.blake3.Outboard#encodeRange}); every chunk group is
 * checked against the ticket's hash as it arrives ({@link RangeDecoder}). Plain HTTP is enough for
 * integrity (the hash proves every byte); the tailnet below carries it encrypted. The provider's
 * endpoint id is not authenticated here, which costs nothing but a wasted request when it lies.
 */
public final class HttpBlobTransport implements BlobTransport {

    /** Path prefix of the transport endpoints on every seed node. */
    public static final String PREFIX = "/veilor-seed/v1";

    private final Blake3 engine;
    private final Duration timeout;

    public HttpBlobTransport(Blake3 engine, Duration timeout) {
        this.engine = engine;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public boolean accepts(BlobTicket ticket) {
        return !ticket.addresses().isEmpty();
    }

    @Override
    public long fetch(BlobTicket ticket, long start, long length, RangeDecoder.Sink sink) throws IOException {
        IOException last = null;
        for (InetSocketAddress a : ticket.addresses()) {
            boolean delivered[] = { false };
            try {
                return fetch(a, ticket, start, length, (off, b, o, l) -> {
                    delivered[0] = true;
                    sink.accept(off, b, o, l);
                });
            } catch (org.veilor.seed.blake3.Blake3VerificationException e) {
                throw e;
            } catch (IOException e) {
                if (delivered[0]) {
                    throw e; // part of the range arrived from this address: the caller resumes from there
                }
                last = e;
            }
        }
        throw last != null ? last : new IOException("the ticket names no address");
    }

    private long fetch(InetSocketAddress a, BlobTicket ticket, long start, long length, RangeDecoder.Sink sink)
            throws IOException {
        URL url = new URL("http", a.getAddress().getHostAddress(), a.getPort(),
                PREFIX + "/blob/" + ticket.hash().toHex() + "?start=" + start + "&length=" + length);
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout((int) timeout.toMillis());
        c.setReadTimeout((int) timeout.toMillis());
        c.setRequestProperty("Accept", RANGE_TYPE);
        int status;
        try {
            status = c.getResponseCode();
        } catch (IOException e) {
            throw new IOException(Addresses.format(a) + ": " + e.getMessage(), e);
        }
        if (status == 404) {
            c.disconnect();
            throw new FileNotFoundException(Addresses.format(a) + " does not hold " + ticket.hash().toShortHex());
        }
        if (status != 200) {
            c.disconnect();
            throw new IOException(Addresses.format(a) + " answered HTTP " + status + " for " + ticket.hash().toShortHex());
        }
        try (InputStream in = new BufferedInputStream(c.getInputStream(), 1 << 16)) {
            long size = new RangeDecoder(engine, ticket.hash()).decode(start, length, in, sink);
            return size;
        } catch (IOException e) {
            c.disconnect(); // a broken or lying stream: do not hand its socket back to the pool
            throw e;
        }
    }

    /** Content type of the verified-streaming encoding. */
    public static final String RANGE_TYPE = "application/x-veilor-seed-range";
}
