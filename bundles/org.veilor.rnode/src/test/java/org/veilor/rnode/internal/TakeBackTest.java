package org.veilor.rnode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.rnode.RadioException;
import org.veilor.rnode.RadioState;
import org.veilor.rnode.ReceivedFrame;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.PtyPair;
import org.veilor.testsupport.SerialHolder;
import org.veilor.testsupport.rnode.RNodeEmulator;

/**
 * Taking a port back after another program had it, over a real PTY with an emulated RNode: bytes
 * of every kind left on the line, a detect answer that is not the reply, a holder that closes late
 * (with and without the serial lock) and one that never does.
 */
class TakeBackTest {

    @TempDir
    Path dir;
    RadioRig rig;

    @BeforeEach
    void rig() {
        rig = new RadioRig(dir);
    }

    @AfterEach
    void close() throws Exception {
        rig.close();
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    /** A radio up on a fresh PTY, handed over to rnsd. */
    private RadioRig.Radio handedOver(PtyPair pty, OpenRule rule) throws Exception {
        RadioRig.Radio r = rig.radio(RadioRig.plan("a", pty.hostEnd().toString(), RadioTrafficTest.EU, false, rule))
                .awaitState(RadioState.UP);
        r.radio.handOver("rnsd");
        return r;
    }

    @Test
    void bytesOfEveryKindLeftOnTheLineAreDiscardedAndNoneIsTakenForAnAnswerOrAPacket() throws Exception {
        PtyPair pty = rig.pty("a");
        RNodeEmulator emu = rig.emulator(RNodeEmulator.options(), pty);
        RadioRig.Radio r = handedOver(pty, RadioRig.RULE);
        BlockingQueue<ReceivedFrame> heard = new LinkedBlockingQueue<>();
        r.radio.addListener(heard::add);
        long noise = r.radio.stats().noiseBytes();
        int before = pty.waitingAtHostEnd();

        // What rnsd's time on the port leaves behind, device to host, never read by anyone:
        byte[] left = concat(
                hex("c0 01 33 bc"), // a frequency echo cut short by a reset
                "rst:0x1 (POWERON_RESET)\r\nInvalid EEPROM checksum\r\n".getBytes(StandardCharsets.US_ASCII), // boot text
                hex("c0 23 4c c0 c0 24 25 c0 c0 00 68 65 6c 6c 6f c0"), // a whole packet received for rnsd: RSSI, SNR, DATA
                hex("c0 08 73 c0"), // a detect request looped back to the host (the shape of the 0x73 failure)
                hex("c0 50 01 56 c0"), // a reply to a query rnsd made before it stopped
                hex("db dc ff 00"), // garbage, a stray escape
                hex("c0 00 de ad")); // a packet cut off mid-frame: no closing FEND
        emu.inject(left);
        Poll.until(RadioRig.TIMEOUT, "the bytes waiting at the host end", () -> pty.waitingAtHostEnd() >= before + left.length);

        r.radio.takeBack();
        assertEquals(RadioState.UP, r.radio.status().state(), r.radio.status().reason());
        assertTrue(emu.radioOn());
        assertEquals(0, r.radio.stats().rxFrames(), "the packet meant for rnsd was not delivered as received");
        assertEquals(null, heard.poll(), "no listener heard it");
        assertTrue(r.radio.stats().noiseBytes() - noise >= left.length, "counted as discarded: " + r.radio.stats().noiseBytes());
        assertEquals(1, r.published.get(), "never withdrawn");

        // the line works as before: a packet after the take-back is delivered
        emu.inject(hex("c0 23 4c c0 c0 24 25 c0 c0 00 6f 6b c0"));
        ReceivedFrame f = heard.poll(60, TimeUnit.SECONDS);
        assertEquals("ok", new String(f.payload(), StandardCharsets.US_ASCII));
    }

    @Test
    void aDetectAnswerThatIsNotTheReplyIsAskedAgainOnAClearedLine() throws Exception {
        PtyPair pty = rig.pty("a");
        RNodeEmulator emu = rig.emulator(RNodeEmulator.options().echoDetects(2), pty);
        RadioRig.Radio r = rig.radio(RadioRig.plan("a", pty.hostEnd().toString(), RadioTrafficTest.EU, false))
                .awaitState(RadioState.UP);
        assertEquals(3, emu.commands().stream().filter(c -> c.command() == Commands.DETECT).count(),
                "two answers were the request looped back, the third the reply: " + emu.commands());
        assertTrue(emu.radioOn());
        assertEquals(1, r.published.get());
    }

    @Test
    void onlyWhenEveryAttemptFailsIsThePortNotAnRNodeAndTheReasonSaysWhatWasSeen() throws Exception {
        PtyPair pty = rig.pty("a");
        RNodeEmulator emu = rig.emulator(RNodeEmulator.options().echoDetects(1_000), pty);
        RadioRig.Radio r = rig.radio(RadioRig.plan("a", pty.hostEnd().toString(), RadioTrafficTest.EU, false))
                .awaitState(RadioState.UNDETECTED);
        String reason = r.radio.status().reason();
        assertTrue(reason.startsWith(pty.hostEnd() + " did not answer the RNode detect handshake in 3 attempts (answered 0x73"
                + " instead of 0x46; answered 0x73 instead of 0x46; answered 0x73 instead of 0x46)"), reason);
        assertTrue(reason.contains(": not an RNode"), reason);
        assertEquals(0, r.published.get());
        assertTrue(emu.commands().stream().allMatch(c -> c.command() == Commands.DETECT), "nothing but detect: " + emu.commands());
        assertTrue(emu.commands().size() >= 3);
    }

    @Test
    void aHolderThatClosesLateIsWaitedForAndTheRadioComesUpOnceItIsGone() throws Exception {
        for (boolean exclusive : new boolean[] { false, true }) {
            PtyPair pty = rig.pty("late-" + exclusive);
            RNodeEmulator emu = rig.emulator(RNodeEmulator.options(), pty);
            RadioRig.Radio r = rig.radio(new RadioPlan("org.veilor.rnode.radio~late", "late-" + exclusive,
                    pty.hostEnd().toString(), RadioTrafficTest.EU, false, new OpenRule(0, 2000, 3, 300_000))).awaitState(RadioState.UP);
            r.radio.handOver("rnsd");
            SerialHolder rnsd = SerialHolder.hold(pty.hostEnd(), exclusive);
            CompletableFuture<Void> back = CompletableFuture.runAsync(() -> {
                try {
                    r.radio.takeBack();
                } catch (RadioException e) {
                    throw new IllegalStateException(e);
                }
            });
            Poll.assertEventually(RadioRig.TIMEOUT, () -> {
                String reason = r.radio.status().reason();
                assertTrue(reason.startsWith(pty.hostEnd() + " is held by pid " + rnsd.pid() + " (sleep); waiting for it to be"
                        + " released ("), reason);
            });
            assertEquals(RadioState.CONNECTING, r.radio.status().state());
            assertTrue(rnsd.holding());
            rnsd.close();
            back.get(60, TimeUnit.SECONDS);
            assertEquals(RadioState.UP, r.radio.status().state(), "exclusive " + exclusive + ": " + r.radio.status().reason());
            assertTrue(emu.radioOn());
        }
    }

    @Test
    void aHolderThatNeverClosesGivesAClearErrorAfterTheBoundAndNothingElseIsStuck() throws Exception {
        PtyPair other = rig.pty("other");
        RNodeEmulator otherEmu = rig.emulator(RNodeEmulator.options(), other);
        RadioRig.Radio b = rig.radio(RadioRig.plan("b", other.hostEnd().toString(), RadioTrafficTest.EU, false))
                .awaitState(RadioState.UP);
        PtyPair pty = rig.pty("a");
        RNodeEmulator emu = rig.emulator(RNodeEmulator.options(), pty);
        RadioRig.Radio a = handedOver(pty, new OpenRule(0, 2000, 3, 1_500));
        try (SerialHolder stuck = SerialHolder.hold(pty.hostEnd(), true)) {
            RadioException e = assertThrows(RadioException.class, a.radio::takeBack);
            assertEquals("RNode a could not be taken back from rnsd: " + pty.hostEnd() + " is held by pid " + stuck.pid()
                    + " (sleep); waited " + waited(e.getMessage()) + " for it to be released", e.getMessage());
            assertTrue(Double.parseDouble(waited(e.getMessage()).replace(" s", "")) >= 1.5, e.getMessage());
            // down (or already trying again, waiting for the same holder), never up while it holds the port
            Poll.assertEventually(RadioRig.TIMEOUT, () -> assertTrue(a.radio.status().reason().contains(
                    "is held by pid " + stuck.pid()), a.radio.status().reason()));
            assertTrue(a.radio.status().state() != RadioState.UP);
            assertEquals(1, a.withdrawn.get(), "its service is withdrawn until it is back");

            // the other radio and this one's status are untouched meanwhile
            assertEquals(RadioState.UP, b.radio.status().state());
            assertTrue(b.radio.checkDevice().stream().allMatch(c -> c.verdict().accepted()));
            b.radio.send("still on air".getBytes(StandardCharsets.US_ASCII));
            Poll.assertEventually(RadioRig.TIMEOUT, () -> assertEquals(1, otherEmu.transmittedPackets()));
            assertTrue(stuck.holding());
        }
        // the holder is gone: the radio comes back by itself
        a.awaitState(RadioState.UP);
        assertTrue(emu.radioOn());
        // UP is entered just before the service is registered again, on the radio's own thread
        Poll.assertEventually(RadioRig.TIMEOUT, () -> assertEquals(2, a.published.get()));
    }

    @Test
    void closingWhileWaitingForAHolderDoesNotWaitOutTheBound() throws Exception {
        PtyPair pty = rig.pty("a");
        rig.emulator(RNodeEmulator.options(), pty);
        RadioRig.Radio a = handedOver(pty, new OpenRule(0, 2000, 3, 300_000));
        try (SerialHolder stuck = SerialHolder.hold(pty.hostEnd(), false)) {
            CompletableFuture<Void> back = CompletableFuture.runAsync(() -> {
                try {
                    a.radio.takeBack();
                } catch (RadioException e) {
                    throw new IllegalStateException(e);
                }
            });
            Poll.assertEventually(RadioRig.TIMEOUT, () -> assertTrue(a.radio.status().reason().contains("waiting for it to be released"),
                    a.radio.status().reason()));
            // a 300 s bound: only giving way to close ends this wait within the test's time
            CompletableFuture.runAsync(a.radio::close).get(60, TimeUnit.SECONDS);
            Exception failed = assertThrows(Exception.class, () -> back.get(60, TimeUnit.SECONDS));
            assertTrue(failed.getMessage().contains("stopped waiting"), failed.getMessage());
            assertTrue(stuck.holding());
        }
    }

    private static String waited(String message) {
        int at = message.lastIndexOf("waited ");
        return message.substring(at + "waited ".length(), message.indexOf(" for it", at));
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

}
