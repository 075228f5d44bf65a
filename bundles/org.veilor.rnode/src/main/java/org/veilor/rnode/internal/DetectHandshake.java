package org.veilor.rnode.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.veilor.rnode.DeviceInfo;
import org.veilor.rnode.RadioException;

/**
 * The RNode detect handshake (mesh-radio.md §5.5: {@code C0 08 73 C0}, answered {@code C0 08 46
 * C0}) on a line another program may have left bytes on, then what the device is.
 *
 * <p>Each attempt first discards what is on the line until it is quiet and restarts decoding at the
 * next FEND, so the tail of a frame, a packet received for rnsd or boot text is never taken for the
 * answer. An answer that is not the detect reply — a line that loops the host's bytes back answers
 * with the request's own {@code 0x73} — costs an attempt; so does a line that talked but never
 * answered. A line silent through a whole attempt (the request is repeated meanwhile) is not asked
 * again. Only when every attempt failed is the port called not an RNode, with what was seen.
 */
final class DetectHandshake {

    /** How often the detect request is repeated while waiting (a booting device drops it). */
    static final long DETECT_RETRY_MS = 500;
    /** The line counts as cleared once nothing came for this long. */
    static final long QUIET_MS = 100;
    /** A device that keeps talking (packets, channel statistics) is not waited out longer than this. */
    static final long MAX_CLEAR_MS = 2_000;

    private DetectHandshake() {
    }

    /**
     * Detects an RNode in up to {@code attempts} handshakes, then reads firmware version,
     * platform, MCU and board.
     *
     * @throws RNodeProtocol.NotDetected naming the port and what each attempt saw
     */
    static DeviceInfo detect(RNodeConnection c, long timeoutMs, int attempts) throws IOException, RadioException {
        List<String> seen = new ArrayList<>();
        long discarded = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            discarded += c.discardStale(QUIET_MS, MAX_CLEAR_MS);
            long heard = c.inputBytes();
            KissFrame reply = ask(c, timeoutMs);
            if (reply != null && reply.u8(0) == Commands.DETECT_RESP) {
                return describe(c);
            }
            if (reply != null) {
                seen.add(String.format("answered 0x%02X instead of 0x46", reply.u8(0)));
            } else if (c.inputBytes() == heard) {
                if (seen.isEmpty()) {
                    throw new RNodeProtocol.NotDetected("no answer to the RNode detect handshake on " + c.path() + " within "
                            + timeoutMs + " ms" + stale(discarded) + ": not an RNode, or its firmware is not running");
                }
                seen.add("silent for " + timeoutMs + " ms");
                break; // asking a silent line again cannot help
            } else {
                seen.add("no detect answer within " + timeoutMs + " ms, only " + (c.inputBytes() - heard) + " other bytes");
            }
        }
        throw new RNodeProtocol.NotDetected(c.path() + " did not answer the RNode detect handshake in " + seen.size()
                + (seen.size() == 1 ? " attempt" : " attempts") + " (" + String.join("; ", seen) + ")" + stale(discarded)
                + ": not an RNode");
    }

    private static String stale(long discarded) {
        return discarded == 0 ? "" : "; " + discarded + " bytes left on the line were discarded first";
    }

    /** Sends the request every {@link #DETECT_RETRY_MS} until a detect frame comes; null when none did in time. */
    private static KissFrame ask(RNodeConnection c, long timeoutMs) throws IOException, RadioException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return null;
            }
            try {
                return c.request(Commands.DETECT, Kiss.frame(Commands.DETECT, Commands.DETECT_REQ), Math.min(left, DETECT_RETRY_MS));
            } catch (RadioException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                // no answer yet: ask again
            }
        }
    }

    private static DeviceInfo describe(RNodeConnection c) throws IOException {
        KissFrame fw = optional(c, Commands.FW_VERSION);
        KissFrame platform = optional(c, Commands.PLATFORM);
        KissFrame mcu = optional(c, Commands.MCU);
        KissFrame board = optional(c, Commands.BOARD);
        return new DeviceInfo(c.path(), fw == null ? -1 : fw.u8(0), fw == null ? -1 : fw.u8(1),
                platform == null ? -1 : platform.u8(0), mcu == null ? -1 : mcu.u8(0), board == null ? -1 : board.u8(0));
    }

    /** Queries with the {@code 0x00} ask byte of the reference host; null when the firmware does not answer. */
    private static KissFrame optional(RNodeConnection c, int command) throws IOException {
        try {
            return c.request(command, Kiss.frame(command, 0x00), RNodeProtocol.REPLY_TIMEOUT_MS);
        } catch (RadioException e) {
            return null;
        }
    }
}
