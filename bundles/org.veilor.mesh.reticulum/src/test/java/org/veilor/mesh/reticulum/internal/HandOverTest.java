package org.veilor.mesh.reticulum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.LocalHost;
import org.veilor.core.ProcessSpec;
import org.veilor.mesh.Floor;
import org.veilor.mesh.FloorClaim;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.LayerStatus;
import org.veilor.mesh.MeshContext;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.RadioState;
import org.veilor.testsupport.FakeExecutables;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.reticulum.FakeRnsd;
import org.veilor.testsupport.rnode.HostCommand;

/**
 * Floor (iii) and the port hand-over with a real radio driver on an emulated RNode (PTY) and a fake
 * rnsd that really opens the port while it runs (systemd and Reticulum cannot run here).
 */
class HandOverTest {

    private static final int CMD_DETECT = 0x08;
    private static final int CMD_LEAVE = 0x0A;

    @TempDir
    Path dir;
    private FakeExecutables fakes;
    private FakeRnsd rnsd;
    private EmulatedRadio radio;
    private ReticulumControl control;
    private ReticulumLayer layer;
    private final List<String> progress = new ArrayList<>();
    private final AtomicReference<ReticulumSettings> settings = new AtomicReference<>();

    @BeforeEach
    void setUp() throws Exception {
        Path root = dir.resolve("host");
        fakes = new FakeExecutables(dir.resolve("bin"));
        rnsd = FakeRnsd.install(fakes, root, dir.resolve("state"));
        fakes.fixed("firewall-cmd", 0, "success\n");
        LocalHost host = new LocalHost(root, List.of(fakes.dir(), Path.of("/usr/bin"), Path.of("/bin")));
        radio = new EmulatedRadio(dir.resolve("pty"), "lora");
        settings.set(ReticulumSettings.validate(CfgConfig.of(Map.of("radio", "lora", "autoInterfaceGroupId", "veilor"))));
        control = new ReticulumControl(host, settings::get, radio.directory);
        layer = new ReticulumLayer(control);
        radio.awaitState(RadioState.UP);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            rnsd.close();
        } finally {
            radio.close();
        }
    }

    @Test
    void floorThreeHoldsOnlyWhileRnsdRunsOnTheVerifiedRadioWhoseDeviceIsPresent() throws Exception {
        LayerStatus before = layer.probe(MeshContext.empty());
        assertEquals(LayerState.DISABLED, before.state(), before.detail());
        assertTrue(before.detail().startsWith("rnsd is not running: Reticulum is opt-in (mesh:reticulum start); RNode lora up, verified"),
                before.detail());
        assertTrue(before.floors().isEmpty());

        control.start(progress::add);
        LoraRadio r = radio.radio();
        String port = r.devicePath();
        assertEquals(List.of("RNode lora verified on " + port + ": RNode firmware 1.86, ESP32 (0x80), MCU ESP32 (0x81), board 0x36",
                "wrote /var/lib/reticulum/config", "handed " + port + " over to rnsd",
                "AutoInterface ports UDP 29716 and 42671 opened for link-local peers (firewalld zone veilor-reticulum, runtime only)",
                "started rnsd.service"), progress);
        Poll.until(EmulatedRadio.TIMEOUT, "the fake rnsd on the port", () -> rnsd.read("rnsd.ready").isPresent());
        assertEquals("c00846c0", rnsd.read("rnsd.detect").orElseThrow(), "rnsd talked to the RNode on the port; its log: " + rnsd.read("rnsd.log") + "; device heard " + radio.emulator.commands());
        assertEquals(port, rnsd.read("rnsd.holding").orElseThrow());
        assertEquals(RadioState.HANDED_OVER, r.status().state());
        assertEquals("rnsd", r.status().owner());
        assertTrue(radio.emulator.hostLeft());
        // One owner at a time: the driver said it leaves before rnsd's detect reached the device.
        List<HostCommand> cmds = radio.emulator.commands();
        int leave = lastIndexOf(cmds, CMD_LEAVE);
        assertTrue(leave >= 0 && lastIndexOf(cmds, CMD_DETECT) > leave, cmds.toString());
        String written = Files.readString(dir.resolve("host/var/lib/reticulum/config"));
        assertEquals(written, rnsd.read("rnsd.config-seen").orElseThrow() + "\n");
        assertTrue(written.contains("  [[RNode lora]]\n    type = RNodeInterface\n    enabled = Yes\n    port = " + port
                + "\n    frequency = 869525000\n    bandwidth = 125000\n    txpower = 7\n    spreadingfactor = 8\n    codingrate = 5\n"),
                written);
        assertEquals(List.of(List.of("--zone=veilor-reticulum", "--add-source=fe80::/10")), fakes.calls("firewall-cmd"));

        LayerStatus up = layer.probe(MeshContext.empty());
        assertEquals(LayerState.ACTIVE, up.state(), up.detail());
        FloorClaim claim = up.floors().get(0);
        assertEquals(Floor.III, claim.floor());
        assertTrue(claim.survives());
        assertEquals("rnsd runs on RNode lora (RNode firmware 1.86, ESP32 (0x80), MCU ESP32 (0x81), board 0x36), detected and"
                + " verified before hand-over at 869.525 MHz, 125 kHz, SF 8, 3.13 kbit/s; device " + port + " present", claim.reason());

        radio.unplug();
        Poll.assertEventually(EmulatedRadio.TIMEOUT, () -> {
            LayerStatus gone = layer.probe(MeshContext.empty());
            assertEquals(LayerState.DOWN, gone.state(), gone.detail());
            assertTrue(gone.detail().startsWith("rnsd runs, but the device " + port + " of RNode lora is gone (unplugged)"),
                    gone.detail());
            assertTrue(gone.floors().isEmpty());
        });
        assertTrue(rnsd.running(), "rnsd keeps running without its radio, as the real one does");

        radio.plugIn();
        Poll.assertEventually(EmulatedRadio.TIMEOUT, () -> assertEquals(LayerState.ACTIVE, layer.probe(MeshContext.empty()).state()));

        int commandsBeforeStop = radio.emulator.commands().size();
        progress.clear();
        control.stop(progress::add);
        assertFalse(rnsd.running());
        assertEquals(RadioState.UP, r.status().state(), r.status().reason());
        assertEquals(List.of("stopped rnsd.service", "AutoInterface ports closed again (firewalld zone veilor-reticulum)",
                "took " + port + " back: RNode lora is up"), progress);
        // Taken back means detected, configured and verified again on the device.
        List<HostCommand> after = radio.emulator.commands().subList(commandsBeforeStop, radio.emulator.commands().size());
        assertTrue(lastIndexOf(after, CMD_DETECT) >= 0 && radio.emulator.radioOn(), after.toString());
        assertEquals(LayerState.DISABLED, layer.probe(MeshContext.empty()).state());
        assertEquals(List.of("--zone=veilor-reticulum", "--remove-source=fe80::/10"), fakes.calls("firewall-cmd").get(1));
    }

    @Test
    void rnsdStartedBehindTheAgentsBackCarriesNoFloorAndStartRefusesIt() throws Exception {
        LocalHost host = new LocalHost(dir.resolve("host"), List.of(fakes.dir(), Path.of("/usr/bin"), Path.of("/bin")));
        control.writeConfig();
        host.run(ProcessSpec.of("systemctl", "start", "rnsd.service").build()).orThrow();
        Poll.until(EmulatedRadio.TIMEOUT, "the fake rnsd", () -> rnsd.read("rnsd.ready").isPresent());

        LayerStatus s = layer.probe(MeshContext.empty());
        assertEquals(LayerState.DOWN, s.state());
        assertTrue(s.detail().startsWith("rnsd runs, but RNode lora was not handed over to it: the Veilor driver holds"), s.detail());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> control.start(progress::add));
        assertTrue(e.getMessage().contains("was not started by mesh:reticulum start"), e.getMessage());

        control.stop(progress::add);
        assertFalse(rnsd.running());
        assertEquals(RadioState.UP, radio.radio().status().state(), "a port never handed over is not taken back");
    }

    @Test
    void aFailedStartTakesThePortBackAndClosesThePorts() throws Exception {
        Files.writeString(rnsd.state().resolve("fail-start"), "Job for rnsd.service failed because a timeout was exceeded.\n");
        IOException e = assertThrows(IOException.class, () -> control.start(progress::add));
        assertTrue(e.getMessage().startsWith("systemctl exited with 1: Job for rnsd.service failed because a timeout was exceeded."
                + " (journalctl -u rnsd.service says why)"), e.getMessage());
        LoraRadio r = radio.radio();
        assertEquals(RadioState.UP, r.status().state(), r.status().reason());
        assertTrue(progress.contains("took " + r.devicePath() + " back"), progress.toString());
        assertEquals(List.of("--zone=veilor-reticulum", "--remove-source=fe80::/10"), fakes.calls("firewall-cmd").get(1));
        assertEquals(LayerState.DISABLED, layer.probe(MeshContext.empty()).state());
    }

    @Test
    void withoutRetinetInstalledNothingIsTouched() throws Exception {
        Files.delete(rnsd.executable());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> control.start(progress::add));
        assertEquals("RetiNet is not installed (/var/lib/retinet/current/bin/rnsd is missing): run ujust install-reticulum",
                e.getMessage());
        assertFalse(radio.emulator.hostLeft(), "the port was never released");
        assertEquals(RadioState.UP, radio.radio().status().state());
        assertTrue(fakes.calls("systemctl").stream().noneMatch(c -> c.get(0).equals("start")));
        assertFalse(Files.exists(dir.resolve("host/var/lib/reticulum/config")));
    }

    @Test
    void aPortHandedToRnsdIsTakenBackEvenWhenTheConfigurationNoLongerNamesTheRadio() throws Exception {
        control.start(progress::add);
        LoraRadio r = radio.radio();
        assertEquals(RadioState.HANDED_OVER, r.status().state());
        settings.set(ReticulumSettings.validate(CfgConfig.of(Map.of("autoInterfaceGroupId", "veilor"))));
        progress.clear();
        control.stop(progress::add);
        assertEquals(RadioState.UP, r.status().state(), r.status().reason());
        assertTrue(progress.contains("took " + r.devicePath() + " back: RNode lora is up"), progress.toString());
    }

    private static int lastIndexOf(List<HostCommand> cmds, int command) {
        for (int i = cmds.size() - 1; i >= 0; i--) {
            if (cmds.get(i).command() == command) {
                return i;
            }
        }
        return -1;
    }
}
