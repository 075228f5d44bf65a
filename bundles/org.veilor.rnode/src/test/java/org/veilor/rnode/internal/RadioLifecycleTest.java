package org.veilor.rnode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.rnode.FieldCheck;
import org.veilor.rnode.RadioException;
import org.veilor.rnode.RadioState;
import org.veilor.rnode.RadioStatus;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.PtyPair;
import org.veilor.testsupport.rnode.HostCommand;
import org.veilor.testsupport.rnode.Modem;
import org.veilor.testsupport.rnode.RNodeEmulator;

/** A radio's life over a real PTY with an emulated RNode: up, rejected, lost and back, silent, absent, handed over. */
class RadioLifecycleTest {

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

    @Test
    void comesUpConfiguredInTheDocumentedOrderWithTheSpecBytesOnTheWire() throws Exception {
        PtyPair pty = rig.pty("a");
        RNodeEmulator emu = rig.emulator(RNodeEmulator.options(), pty);
        RadioPlan plan = new RadioPlan("org.veilor.rnode.radio~a", "a", pty.hostEnd().toString(),
                new org.veilor.rnode.LoraSettings(915_000_000L, 125_000, 17, 9, 5, 1.5, 0), false, RadioRig.RULE);
        RadioRig.Radio r = rig.radio(plan).awaitState(RadioState.UP);

        // UP is entered just before the service is registered, on the radio's own thread
        Poll.assertEventually(RadioRig.TIMEOUT, () -> assertEquals(1, r.published.get()));
        RadioStatus s = r.radio.status();
        assertEquals("1.86", s.device().firmware());
        assertEquals("ESP32 (0x80)", s.device().platformName());
        assertEquals(915_000_000L, s.verified().frequency());
        assertTrue(emu.radioOn());
        assertEquals(9, emu.spreadingFactor());

        // the settings, in order, among the queries: frequency, bandwidth, TX power, SF, CR, airtime, radio on
        List<String> sets = emu.commands().stream()
                .filter(c -> c.command() >= 0x01 && c.command() <= 0x0C && c.command() != 0x08 && !query(c))
                .map(HostCommand::toString).toList();
        assertEquals(List.of("0x01[36 89 ca c0]", "0x02[00 01 e8 48]", "0x03[11]", "0x04[09]", "0x05[05]", "0x0B[00 96]",
                "0x06[01]"), sets);
        assertEquals(0x08, emu.commands().get(0).command(), "detect comes first");
        String wire = HexFormat.ofDelimiter(" ").withUpperCase().formatHex(emu.bytesFromHost());
        assertTrue(wire.contains("C0 01 36 89 CA DB DC C0"), "915 MHz escaped on the wire: " + wire);
        assertTrue(wire.contains("C0 0B 00 96 C0"), wire);
        assertTrue(wire.startsWith("C0 08 73 C0"), wire);
        assertTrue(s.checks().stream().allMatch(c -> c.verdict() == FieldCheck.Verdict.OK), s.checks().toString());
        assertTrue(s.stats().noiseBytes() > 0, "the boot text was dropped as noise");

        r.radio.close();
        Poll.assertEventually(RadioRig.TIMEOUT, () -> assertTrue(emu.hostLeft(), "CMD_LEAVE on close"));
        assertTrue(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(emu.bytesFromHost()).endsWith("C0 0A FF C0"));
    }

    private static boolean query(HostCommand c) {
        byte[] p = c.payload();
        return (p.length == 4 && p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0) || (p.length == 1 && (p[0] & 0xFF) == 0xFF);
    }

    @Test
    void quantisedBandwidthAndClampedPowerAreAcceptedAndShown() throws Exception {
        PtyPair pty = rig.pty("a");
        rig.emulator(RNodeEmulator.options().modem(Modem.SX127X), pty);
        RadioRig.Radio r = rig.radio(RadioRig.plan("a", pty.hostEnd().toString(), RadioRig.settings(868_000_000L, 100_000, 20, 8, 5), false))
                .awaitState(RadioState.UP);
        RadioStatus s = r.radio.status();
        assertEquals(125_000, s.verified().bandwidth());
        assertEquals(17, s.verified().txPower());
        assertTrue(s.checks().stream().anyMatch(c -> c.field().equals("bandwidth") && c.verdict() == FieldCheck.Verdict.QUANTISED));
        assertTrue(s.checks().stream().anyMatch(c -> c.field().equals("txPower") && c.verdict() == FieldCheck.Verdict.CLAMPED));
        List<FieldCheck> now = r.radio.checkDevice();
        assertTrue(now.stream().allMatch(c -> c.verdict().accepted()), now.toString());
    }

    @Test
    void aValueTheModemCannotTakeIsRejectedAndTheRadioStaysOff() throws Exception {
        PtyPair pty = rig.pty("a");
        RNodeEmulator emu = rig.emulator(RNodeEmulator.options().modem(Modem.SX127X), pty);
        RadioRig.Radio r = rig.radio(RadioRig.plan("a", pty.hostEnd().toString(), RadioRig.settings(868_000_000L, 125_000, 10, 5, 5), false))
                .awaitState(RadioState.REJECTED);
        String reason = r.radio.status().reason();
        assertTrue(reason.contains("spreadingFactor: asked 5, device reports 6 (mismatch: the device does not support 5)"), reason);
        assertFalse(emu.radioOn());
        assertEquals(0, r.published.get());
        assertTrue(emu.hostLeft());
        assertTrue(emu.commands().stream().noneMatch(c -> c.command() == 0x06 && c.payload()[0] == 1), "never switched on");

        // a valid change is tried at once
        r.radio.apply(RadioRig.plan("a", pty.hostEnd().toString(), RadioRig.settings(868_000_000L, 125_000, 10, 7, 5), false));
        r.awaitState(RadioState.UP);
        assertTrue(emu.radioOn());
    }

    @Test
    void unpluggedItGoesDownWithTheServiceWithdrawnAndComesBackWhenThePortReturns() throws Exception {
        PtyPair pty = rig.pty("a");
        Path host = pty.hostEnd();
        RNodeEmulator emu = rig.emulator(RNodeEmulator.options(), pty);
        RadioRig.Radio r = rig.radio(RadioRig.plan("a", host.toString(), RadioRig.settings(868_000_000L, 125_000, 7, 8, 5), false))
                .awaitState(RadioState.UP);

        pty.close(); // socat gone: both ends vanish, like a pulled USB plug
        r.awaitState(RadioState.DOWN);
        Poll.assertEventually(RadioRig.TIMEOUT, () -> assertFalse(r.registered));
        assertEquals(1, r.withdrawn.get());
        assertTrue(r.radio.status().reason().contains("lost at"), r.radio.status().reason());
        assertFalse(r.radio.devicePresent());
        assertThrows(RadioException.class, () -> r.radio.send(new byte[] { 1 }));

        PtyPair again = rig.pty("a");
        assertEquals(host, again.hostEnd());
        emu.attach(again.deviceEnd());
        r.awaitState(RadioState.UP);
        Poll.assertEventually(RadioRig.TIMEOUT, () -> assertEquals(2, r.published.get()));
        assertTrue(r.registered);
        assertEquals(1, r.radio.stats().reconnects());
        Poll.assertEventually(RadioRig.TIMEOUT, () -> assertTrue(emu.radioOn(), "reconfigured after the reboot"));
    }

    @Test
    void aDeviceThatNeverAnswersIsUndetectedWithAClearReason() throws Exception {
        PtyPair pty = rig.pty("a");
        RNodeEmulator emu = rig.emulator(RNodeEmulator.options().silent(true), pty);
        RadioPlan plan = new RadioPlan("org.veilor.rnode.radio~a", "a", pty.hostEnd().toString(),
                RadioRig.settings(868_000_000L, 125_000, 7, 8, 5), false, new OpenRule(0, 600, 3, 0));
        RadioRig.Radio r = rig.radio(plan).awaitState(RadioState.UNDETECTED);
        String reason = r.radio.status().reason();
        assertTrue(reason.contains("no answer to the RNode detect handshake on " + pty.hostEnd() + " within 600 ms"), reason);
        assertEquals(0, r.published.get());
        Poll.assertEventually(RadioRig.TIMEOUT, () -> assertTrue(emu.commands().size() >= 2, "detect is asked again"));
        assertTrue(emu.commands().stream().allMatch(c -> c.command() == 0x08), "only detect was tried: " + emu.commands());
    }

    @Test
    void noRadioPluggedInIsAbsentAndComesUpWhenPluggedIn() throws Exception {
        Path where = dir.resolve("later");
        RadioRig.Radio r = rig.radio(RadioRig.plan("a", where.resolve("a").toString(), RadioRig.settings(868_000_000L, 125_000, 7, 8, 5), false))
                .awaitState(RadioState.ABSENT);
        assertTrue(r.radio.status().reason().endsWith("is not present"), r.radio.status().reason());
        assertFalse(r.radio.devicePresent());
        PtyPair pty = rig.pty("later");
        rig.emulator(RNodeEmulator.options(), pty);
        r.awaitState(RadioState.UP);
        assertEquals(0, r.radio.stats().reconnects());
    }

    @Test
    void handOverReleasesThePortAndTakeBackRetakesIt() throws Exception {
        PtyPair pty = rig.pty("a");
        RNodeEmulator emu = rig.emulator(RNodeEmulator.options(), pty);
        String port = pty.hostEnd().toString();
        RadioRig.Radio r = rig.radio(RadioRig.plan("a", port, RadioRig.settings(869_525_000L, 250_000, 14, 9, 5), false))
                .awaitState(RadioState.UP);
        assertThrows(IOException.class, () -> JSerialCommLine.open(port), "the driver holds the port exclusively");

        r.radio.handOver("rnsd");
        RadioStatus s = r.radio.status();
        assertEquals(RadioState.HANDED_OVER, s.state());
        assertEquals("rnsd", s.owner());
        assertTrue(r.registered, "stays registered while handed over");
        assertEquals(0, r.withdrawn.get());
        assertEquals("1.86", s.device().firmware(), "last detected firmware kept");
        assertEquals(869_525_000L, s.verified().frequency(), "verified configuration kept");
        Poll.assertEventually(RadioRig.TIMEOUT, () -> assertTrue(emu.hostLeft(), "CMD_LEAVE reached the device"));
        assertTrue(r.radio.devicePresent());
        assertEquals(port, r.radio.devicePath());
        assertThrows(RadioException.class, () -> r.radio.send(new byte[] { 1 }));
        assertThrows(RadioException.class, () -> r.radio.handOver("someone else"));
        assertTrue(rig.claims.owner(port).startsWith("rnsd"));

        // the new owner (a stand-in for rnsd) can open the port now
        try (SerialLine rnsd = JSerialCommLine.open(port)) {
            rnsd.write(Kiss.frame(Commands.DETECT, Commands.DETECT_REQ));
        }

        r.radio.takeBack();
        assertEquals(RadioState.UP, r.radio.status().state());
        assertEquals(1, r.published.get(), "never withdrawn");
        assertTrue(emu.radioOn());
        assertThrows(RadioException.class, r.radio::takeBack);
        assertEquals("a", rig.claims.owner(port));
    }

    @Test
    void takingBackAPortThatVanishedMeanwhileSaysWhyAndRetriesByItself() throws Exception {
        PtyPair pty = rig.pty("a");
        RNodeEmulator emu = rig.emulator(RNodeEmulator.options(), pty);
        RadioRig.Radio r = rig.radio(RadioRig.plan("a", pty.hostEnd().toString(), RadioRig.settings(868_000_000L, 125_000, 7, 8, 5), false))
                .awaitState(RadioState.UP);
        r.radio.handOver("rnsd");
        pty.close();
        assertFalse(r.radio.devicePresent());
        RadioException e = assertThrows(RadioException.class, r.radio::takeBack);
        assertTrue(e.getMessage().contains("could not be taken back from rnsd"), e.getMessage());
        assertFalse(r.registered);
        PtyPair again = rig.pty("a");
        emu.attach(again.deviceEnd());
        r.awaitState(RadioState.UP);
        assertNotNull(r.radio.status().verified());
    }
}
