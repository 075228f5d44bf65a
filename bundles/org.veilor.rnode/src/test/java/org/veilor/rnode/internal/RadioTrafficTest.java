package org.veilor.rnode.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.rnode.LoraSettings;
import org.veilor.rnode.RadioState;
import org.veilor.rnode.RadioStats;
import org.veilor.rnode.ReceivedFrame;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.PtyPair;
import org.veilor.testsupport.rnode.RNodeEmulator;

/** Packets between two emulated radios linked over loopback UDP, through two real PTYs and jSerialComm. */
class RadioTrafficTest {

    static final LoraSettings EU = RadioRig.settings(869_525_000L, 125_000, 7, 8, 5);

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

    record Node(PtyPair pty, RNodeEmulator emu, RadioRig.Radio radio, BlockingQueue<ReceivedFrame> heard) {
    }

    Node node(String name, RNodeEmulator.Options options, LoraSettings s, boolean flowControl) throws Exception {
        PtyPair pty = rig.pty(name);
        RNodeEmulator emu = rig.emulator(options, pty);
        RadioRig.Radio r = rig.radio(RadioRig.plan(name, pty.hostEnd().toString(), s, flowControl)).awaitState(RadioState.UP);
        BlockingQueue<ReceivedFrame> heard = new LinkedBlockingQueue<>();
        r.radio.addListener(heard::add);
        return new Node(pty, emu, r, heard);
    }

    @Test
    void aPacketSentOnAArrivesOnBWithSignalAndStats() throws Exception {
        Node a = node("a", RNodeEmulator.options(), EU, false);
        Node b = node("b", RNodeEmulator.options().signal(90, -3.5), EU, false);
        a.emu.link(b.emu);
        byte[] packet = HexFormat.of().parseHex("01c0db02ff00");
        a.radio.radio.send(packet);
        Poll.assertEventually(RadioRig.TIMEOUT, () -> assertEquals(1, a.emu.transmittedPackets(), "A transmitted: " + a.emu.commands()));
        Poll.assertEventually(RadioRig.TIMEOUT, () -> assertEquals(1, b.emu.receivedPackets(), "B heard it: air " + b.emu.airPackets()));
        ReceivedFrame f = b.heard.poll(60, TimeUnit.SECONDS);
        assertArrayEquals(packet, f.payload());
        assertEquals(7 - 90, f.rssi(), "RSSI = byte - 157");
        assertEquals(-3.5, f.snr(), "SNR = int8 x 0.25");
        RadioStats sb = b.radio.radio.stats();
        assertEquals(1, sb.rxFrames());
        assertEquals(6, sb.rxBytes());
        assertEquals(-83, sb.lastRssi());
        RadioStats sa = a.radio.radio.stats();
        assertEquals(1, sa.txFrames());
        assertEquals(6, sa.txBytes());
        assertTrue(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(a.emu.bytesFromHost()).contains("C0 00 01 DB DC DB DD 02 FF 00 C0"));
    }

    @Test
    void nothingArrivesWhenFrequencyBandwidthOrSpreadingFactorDiffer() throws Exception {
        Node a = node("a", RNodeEmulator.options(), EU, false);
        Node b = node("b", RNodeEmulator.options(), EU, false);
        Node c = node("c", RNodeEmulator.options(), RadioRig.settings(868_000_000L, 125_000, 7, 8, 5), false);
        a.emu.link(b.emu);
        a.emu.link(c.emu);
        RadioPlan cPlan = c.radio.radio.plan();
        LoraSettings[] others = { RadioRig.settings(868_000_000L, 125_000, 7, 8, 5), RadioRig.settings(869_525_000L, 250_000, 7, 8, 5),
            RadioRig.settings(869_525_000L, 125_000, 7, 9, 5) };
        for (int i = 0; i < others.length; i++) {
            c.radio.radio.apply(new RadioPlan(cPlan.pid(), cPlan.name(), cPlan.port(), others[i], false, RadioRig.RULE));
            assertEquals(RadioState.UP, c.radio.radio.status().state());
            a.radio.radio.send(("packet " + i).getBytes(StandardCharsets.UTF_8));
            ReceivedFrame onB = b.heard.poll(60, TimeUnit.SECONDS);
            assertEquals("packet " + i, new String(onB.payload(), StandardCharsets.UTF_8), "B is on the channel");
            long n = i + 1;
            Poll.assertEventually(RadioRig.TIMEOUT, () -> assertEquals(n, c.emu.airPackets(), "the packet reached C over the air"));
            assertEquals(0, c.emu.receivedPackets(), "C is on another channel: " + others[i]);
        }
        // Each packet's outcome on C was settled when it was counted on C's air: nothing is on its way.
        assertNull(c.heard.poll());
        assertEquals(0, c.radio.radio.stats().rxFrames());
        // coding rate and TX power may differ across a link
        c.radio.radio.apply(new RadioPlan(cPlan.pid(), cPlan.name(), cPlan.port(), RadioRig.settings(869_525_000L, 125_000, 3, 8, 8), false, RadioRig.RULE));
        a.radio.radio.send("all ears".getBytes(StandardCharsets.UTF_8));
        assertEquals("all ears", new String(c.heard.poll(60, TimeUnit.SECONDS).payload(), StandardCharsets.UTF_8));
    }

    @Test
    void withFlowControlTheDeviceQueueNeverOverflows() throws Exception {
        LoraSettings slow = RadioRig.settings(869_525_000L, 125_000, 7, 12, 8); // 183 bit/s
        RNodeEmulator.Options tiny = RNodeEmulator.options().queueCapacity(1).airtimeScale(0.05);
        Node a = node("a", tiny, slow, true);
        Node b = node("b", RNodeEmulator.options(), slow, false);
        a.emu.link(b.emu);
        for (int i = 0; i < 5; i++) {
            a.radio.radio.send(("flow " + i + " ....").getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 5; i++) {
            assertEquals("flow " + i + " ....", new String(b.heard.poll(60, TimeUnit.SECONDS).payload(), StandardCharsets.UTF_8));
        }
        assertTrue(a.radio.radio.stats().deviceErrors().isEmpty(), a.radio.radio.stats().deviceErrors().toString());
        assertEquals(5, a.emu.transmittedPackets());
    }

    @Test
    void withoutFlowControlAFullQueueIsReportedByName() throws Exception {
        LoraSettings slow = RadioRig.settings(869_525_000L, 125_000, 7, 12, 8);
        Node a = node("a", RNodeEmulator.options().queueCapacity(1).airtimeScale(0.2), slow, false);
        for (int i = 0; i < 4; i++) {
            a.radio.radio.send(("burst " + i + " ......").getBytes(StandardCharsets.UTF_8));
        }
        Poll.assertEventually(RadioRig.TIMEOUT, () -> assertTrue(
                a.radio.radio.stats().deviceErrors().getOrDefault("ERROR_QUEUE_FULL (0x04)", 0L) >= 1,
                a.radio.radio.stats().deviceErrors().toString()));
        assertEquals(RadioState.UP, a.radio.radio.status().state(), "a device error does not take the radio down");
    }

    @Test
    void garbageHalfFramesAndSplitBytesDoNotDisturbReception() throws Exception {
        Node a = node("a", RNodeEmulator.options(), EU, false);
        Node b = node("b", RNodeEmulator.options().fragmentWrites(true), EU, false);
        a.emu.link(b.emu);
        b.emu.inject("ets Jun  8 2016 00:22:57\r\nrst:0x1 (POWERON_RESET)\r\n".getBytes(StandardCharsets.US_ASCII));
        b.emu.inject(HexFormat.of().parseHex("c00133bc")); // a frequency echo cut short
        b.emu.inject("No radio module found\r\n".getBytes(StandardCharsets.US_ASCII));
        b.emu.inject(HexFormat.of().parseHex("c000dbc0")); // a data frame with a broken escape
        a.radio.radio.send("still here".getBytes(StandardCharsets.UTF_8));
        assertEquals("still here", new String(b.heard.poll(60, TimeUnit.SECONDS).payload(), StandardCharsets.UTF_8));
        RadioStats s = b.radio.radio.stats();
        assertTrue(s.noiseBytes() > 40, "noise counted: " + s.noiseBytes());
        assertEquals(2, s.corruptFrames());
        assertEquals(1, s.rxFrames());
        assertEquals(RadioState.UP, b.radio.radio.status().state());
    }

    @Test
    void badPacketsAreRefusedBeforeTheDevice() throws Exception {
        Node a = node("a", RNodeEmulator.options(), EU, false);
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> a.radio.radio.send(new byte[509]));
        assertTrue(big.getMessage().contains("larger than the RNode MTU of 508 bytes"));
        assertThrows(IllegalArgumentException.class, () -> a.radio.radio.send(new byte[0]));
        a.radio.radio.send(new byte[508]);
        assertEquals(1, a.radio.radio.stats().txFrames());
    }
}
