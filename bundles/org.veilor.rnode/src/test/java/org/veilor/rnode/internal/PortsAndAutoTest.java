package org.veilor.rnode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.rnode.DeviceInfo;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.RadioException;
import org.veilor.rnode.RadioState;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.PtyPair;
import org.veilor.testsupport.rnode.RNodeEmulator;

/**
 * The port catalog with a stand-in for {@code /dev/serial/by-id} (symbolic links to PTYs, as udev
 * makes them to tty nodes), {@code port = auto}, and one-off probes.
 */
class PortsAndAutoTest {

    @TempDir
    Path dir;
    RadioRig rig;
    Path byId;
    RNodeManager manager;

    @BeforeEach
    void setUp() throws Exception {
        rig = new RadioRig(dir);
        byId = Files.createDirectories(dir.resolve("by-id"));
        manager = new RNodeManager(RadioRig.ports(), new PortCatalog(byId,
                () -> List.of(new PortCatalog.Enumerated(byId.resolve("nowhere").toString(), "Physical Port S0"))), null, null);
    }

    @AfterEach
    void close() throws Exception {
        for (LoraRadio r : manager.radios()) {
            ((ManagedRadio) r).close();
        }
        rig.close();
    }

    @Test
    void listsStableNamesWithTheirDevicesAndExtraPaths() throws Exception {
        PtyPair a = rig.pty("a");
        PtyPair b = rig.pty("b");
        Files.createSymbolicLink(byId.resolve("usb-RAK_RAK4631-if00"), a.hostEnd());
        List<PortCatalog.Port> ports = manager.ports(List.of(b.hostEnd().toString(), "/no/such/port"));
        assertEquals(byId.resolve("usb-RAK_RAK4631-if00").toString(), ports.get(0).path());
        assertEquals(a.hostEnd().toRealPath().toString(), ports.get(0).device());
        assertTrue(ports.get(0).stable());
        assertEquals(b.hostEnd().toString(), ports.get(1).path());
        assertEquals(2, ports.stream().filter(p -> !p.path().contains("nowhere")).count(), ports.toString());
    }

    @Test
    void aStableNameWhoseDeviceWasUnpluggedIsNotListed() throws Exception {
        // udev removes the link after the device went: in between the link names nothing.
        Files.createSymbolicLink(byId.resolve("usb-RAK_RAK4631-if00"), dir.resolve("pty/unplugged"));
        PtyPair a = rig.pty("a");
        Files.createSymbolicLink(byId.resolve("usb-Silicon_Labs_CP2102-if00-port0"), a.hostEnd());
        List<PortCatalog.Port> ports = manager.ports(List.of());
        assertEquals(List.of(byId.resolve("usb-Silicon_Labs_CP2102-if00-port0").toString()),
                ports.stream().map(PortCatalog.Port::path).filter(p -> p.startsWith(byId.toString()) && !p.contains("nowhere")).toList());
    }

    @Test
    void autoTakesTheFirstPortThatAnswersTheDetectHandshake() throws Exception {
        PtyPair silent = rig.pty("silent");
        rig.emulator(RNodeEmulator.options().silent(true), silent);
        PtyPair rnode = rig.pty("rnode");
        RNodeEmulator emu = rig.emulator(RNodeEmulator.options(), rnode);
        Files.createSymbolicLink(byId.resolve("usb-1a86_USB_Serial-if00-port0"), silent.hostEnd());
        Files.createSymbolicLink(byId.resolve("usb-Silicon_Labs_CP2102-if00-port0"), rnode.hostEnd());

        RadioPlan plan = new RadioPlan("org.veilor.rnode.radio~auto", "auto0", "auto", RadioTrafficTest.EU, false, new OpenRule(0, 500, 3, 0));
        RadioRig.Radio r = new RadioRig.Radio();
        r.radio = manager.create(plan, r);
        manager.register(r.radio);
        r.radio.start();
        r.awaitState(RadioState.UP);
        assertEquals(byId.resolve("usb-Silicon_Labs_CP2102-if00-port0").toString(), r.radio.devicePath());
        assertTrue(emu.radioOn());
        assertEquals("auto0", manager.owner(rnode.hostEnd().toString()));

        // a held port is not probed, and a free one that is no RNode says so
        RadioException held = assertThrows(RadioException.class, () -> manager.probe(rnode.hostEnd().toString(), 0, 500, 3));
        assertTrue(held.getMessage().contains("is held by auto0"), held.getMessage());
        RadioException silentProbe = assertThrows(RadioException.class, () -> manager.probe(silent.hostEnd().toString(), 0, 400, 3));
        assertTrue(silentProbe.getMessage().contains("no answer to the RNode detect handshake"), silentProbe.getMessage());
    }

    @Test
    void autoWithNoRNodeAnywhereIsAbsentAndSaysWhatItTried() throws Exception {
        PtyPair silent = rig.pty("silent");
        rig.emulator(RNodeEmulator.options().silent(true), silent);
        Files.createSymbolicLink(byId.resolve("usb-FTDI-if00"), silent.hostEnd());
        RadioPlan plan = new RadioPlan("org.veilor.rnode.radio~auto", "auto0", "auto", RadioTrafficTest.EU, false, new OpenRule(0, 300, 3, 0));
        RadioRig.Radio r = new RadioRig.Radio();
        r.radio = manager.create(plan, r);
        manager.register(r.radio);
        r.radio.start();
        Poll.assertEventually(RadioRig.TIMEOUT, () -> {
            assertEquals(RadioState.ABSENT, r.radio.status().state());
            assertTrue(r.radio.status().reason().contains("no port answered the RNode detect handshake (tried " + byId.resolve("usb-FTDI-if00")),
                    r.radio.status().reason());
        });
    }

    @Test
    void probeReadsWhatTheDeviceIsAndLeaves() throws Exception {
        PtyPair p = rig.pty("p");
        RNodeEmulator emu = rig.emulator(RNodeEmulator.options().firmware(1, 74).platform(0x70, 0x71, 0x50), p);
        DeviceInfo info = manager.probe(p.hostEnd().toString(), 0, 2000, 3);
        assertEquals("1.74", info.firmware());
        assertEquals("nRF52 (0x70)", info.platformName());
        assertEquals("nRF52 (0x71)", info.mcuName());
        assertEquals("0x50", info.boardName());
        Poll.assertEventually(RadioRig.TIMEOUT, () -> assertTrue(emu.hostLeft()));
        assertEquals(null, manager.owner(p.hostEnd().toString()), "the probe let go of the port");
        assertTrue(emu.commands().stream().noneMatch(c -> c.command() >= 0x01 && c.command() <= 0x06), "a probe configures nothing");
    }

    @Test
    void commandsPickTheRadioByNameOrTheOnlyOne() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> manager.pick(null));
        assertTrue(none.getMessage().contains("no radio is configured"));
        RadioRig.Radio r = new RadioRig.Radio();
        r.radio = manager.create(new RadioPlan("org.veilor.rnode.radio~x", "x", dir.resolve("none").toString(), RadioTrafficTest.EU, false, RadioRig.RULE), r);
        manager.register(r.radio);
        assertEquals("x", manager.pick(null).name());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> manager.pick("y"));
        assertEquals("no radio named 'y'; configured: x", wrong.getMessage());
        org.veilor.core.ConfigException dup = assertThrows(org.veilor.core.ConfigException.class, () -> manager.checkUnique(
                new RadioPlan("org.veilor.rnode.radio~other", "x", "auto", RadioTrafficTest.EU, false, RadioRig.RULE)));
        assertTrue(dup.getMessage().contains("name = 'x' is invalid: already used by radio configuration org.veilor.rnode.radio~x"));
    }
}
