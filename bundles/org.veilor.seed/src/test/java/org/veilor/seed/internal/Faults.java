package org.veilor.seed.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

/**
 * Provider faults on a test node's transport, in front of its real blob endpoint: counting the blob
 * bytes it sends, and — when asked — the failure modes the pull must survive: a provider that sends
 * wrong bytes (one byte flipped after {@code corruptAt} bytes of a response), one that goes away
 * mid-transfer (the connection cut after {@code cutAt} bytes), and a slow one ({@code delayPer64k}
 * milliseconds per 64 KiB, to keep a pull in flight). Not a stand-in for a peer: the node behind
 * it is real.
 */
final class Faults implements Filter {

    final AtomicLong blobBytes = new AtomicLong();
    final AtomicLong blobRequests = new AtomicLong();
    volatile long corruptAt = -1;
    volatile long cutAt = -1;
    volatile long delayPer64k;

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
        blobRequests.incrementAndGet();
        HttpServletResponse http = (HttpServletResponse) resp;
        long corrupt = corruptAt;
        long cut = cutAt;
        long delay = delayPer64k;
        ServletOutputStream real = http.getOutputStream();
        ServletOutputStream faulty = new ServletOutputStream() {
            long written;

            @Override
            public void write(int b) throws IOException {
                if (cut >= 0 && written >= cut) {
                    throw new IOException("provider gone (test fault)");
                }
                if (delay > 0 && written % 65536 == 0 && written > 0) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                }
                real.write(written == corrupt ? b ^ 0x01 : b);
                written++;
                blobBytes.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }

            @Override
            public boolean isReady() {
                return real.isReady();
            }

            @Override
            public void setWriteListener(WriteListener l) {
                real.setWriteListener(l);
            }

            @Override
            public void flush() throws IOException {
                real.flush();
            }
        };
        chain.doFilter(req, new HttpServletResponseWrapper(http) {
            @Override
            public ServletOutputStream getOutputStream() {
                return faulty;
            }
        });
    }

    void reset() {
        corruptAt = -1;
        cutAt = -1;
        delayPer64k = 0;
        blobBytes.set(0);
        blobRequests.set(0);
    }
}
