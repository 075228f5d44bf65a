package org.veilor.rnode.internal;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Streaming KISS decoder for what an RNode sends. Bytes arrive in any split across reads.
 *
 * <p>RNodes open and close every frame with its own FEND, and print plain-text boot messages
 * between frames, so bytes after a complete frame and before the next FEND are noise and are
 * dropped (counted). A frame cut short (the device reset mid-frame, then printed text) is caught by
 * its length: a reply whose command has a fixed payload length but arrives with another is
 * dropped, and its closing FEND is taken as the opening FEND of the next frame — otherwise the real
 * frame after the damage would be lost too.
 */
final class KissDecoder {

    /** Longest escaped-free payload accepted: the firmware MTU plus headroom for future replies. */
    static final int MAX_PAYLOAD = 1024;

    private enum State { OUTSIDE, COMMAND, PAYLOAD, ESCAPE }

    private final Consumer<KissFrame> sink;
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    private State state = State.OUTSIDE;
    private int command;
    private boolean damaged;
    private long noiseBytes;
    private long corruptFrames;

    KissDecoder(Consumer<KissFrame> sink) {
        this.sink = sink;
    }

    void feed(byte[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            feed(buffer[i] & 0xFF);
        }
    }

    void feed(int b) {
        if (b == Kiss.FEND) {
            fend();
            return;
        }
        switch (state) {
            case OUTSIDE -> noiseBytes++;
            case COMMAND -> {
                command = b;
                payload.reset();
                damaged = false;
                state = State.PAYLOAD;
            }
            case PAYLOAD -> {
                if (b == Kiss.FESC) {
                    state = State.ESCAPE;
                } else {
                    append(b);
                }
            }
            case ESCAPE -> {
                if (b == Kiss.TFEND) {
                    append(Kiss.FEND);
                } else if (b == Kiss.TFESC) {
                    append(Kiss.FESC);
                } else {
                    damaged = true; // FESC must be followed by TFEND or TFESC
                }
                state = State.PAYLOAD;
            }
        }
    }

    private void append(int b) {
        if (payload.size() >= MAX_PAYLOAD) {
            damaged = true;
        } else {
            payload.write(b);
        }
    }

    private void fend() {
        switch (state) {
            case OUTSIDE, COMMAND -> state = State.COMMAND; // opening FEND, or FENDs back to back
            case PAYLOAD, ESCAPE -> {
                byte[] bytes = payload.toByteArray();
                int expected = Commands.replyLength(command);
                if (damaged || state == State.ESCAPE || (expected >= 0 && bytes.length != expected)) {
                    corruptFrames++;
                    state = State.COMMAND; // this FEND may open the next, intact frame
                } else {
                    state = State.OUTSIDE;
                    sink.accept(new KissFrame(command, bytes));
                }
                payload.reset();
            }
        }
    }

    /**
     * Forgets a frame in progress and waits for the next FEND: what follows a line that was
     * discarded mid-frame is only taken once a frame boundary comes.
     */
    void resync() {
        state = State.OUTSIDE;
        payload.reset();
        damaged = false;
    }

    long noiseBytes() {
        return noiseBytes;
    }

    long corruptFrames() {
        return corruptFrames;
    }
}
