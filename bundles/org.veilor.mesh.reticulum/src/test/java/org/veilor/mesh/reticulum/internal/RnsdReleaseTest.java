package org.veilor.mesh.reticulum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.LocalHost;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.MeshContext;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.RadioException;
import org.veilor.rnode.RadioState;
import org.veilor.rnode.ReceivedFrame;
import org.veilor.testsupport.FakeExecutables;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.reticulum.FakeRnsd;

/**
 * {@code mesh:reticulum stop} taking the radio's port back from a fake rnsd that really held it,
 * whatever rnsd left behind: bytes of every kind on the line, a port released only some time
 * after the stop returned (with and without the serial lock), and one never released.
 */
class RnsdReleaseTest {

    @TempDir
    Path dir;
    private FakeExecutables fakes;
    private FakeRnsd rnsd;
    private final RadioDirectory radios = new RadioDirectory();
    private EmulatedRadio radio;
    private EmulatedRadio spare;
    private ReticulumControl control;
    private ReticulumLayer layer;
    private final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Path root = dir.resolve("host");
        fakes = new FakeExecutables(dir.resolve("bin"));
        rnsd = FakeRnsd.install(fakes, root, dir.resolve("state"));
        fakes.fixed("firewall-cmd", 0, "success\n");
        LocalHost host = new LocalHost(root, List.of(fakes.dir(), Path.of("/usr/bin"), Path.of("/bin")));
        radio = new EmulatedRadio(dir.resolve("pty"), "lora", radios, 1_500);
        ReticulumSettings s = ReticulumSettings.validate(CfgConfig.of(Map.of("radio", "lora", "autoInterfaceGroupId", "veilor")));
        control = new ReticulumControl(host, () -> s, radios);
        layer = new ReticulumLayer(control);
        radio.awaitState(RadioState.UP);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            rnsd.close();
        } finally {
            try {
                radio.close();
            } finally {
                if (spare != null) {
                    spare.close();
                }
            }
        }
    }

    private void startRnsd() throws Exception {
        control.start(progress::add);
        Poll.until(EmulatedRadio.TIMEOUT, "the fake rnsd on the port", () -> rnsd.read("rnsd.ready").isPresent());
        assertEquals("c00846c0", rnsd.read("rnsd.detect").orElseThrow());
        progress.clear();
    }

    @Test
    void whatRnsdsTimeLeftOnTheLineIsDiscardedAndTheRadioComesBackUp() throws Exception {
        startRnsd();
        LoraRadio r = radio.radio();
        BlockingQueue<ReceivedFrame> heard = new LinkedBlockingQueue<>();
        r.addListener(heard::add);
        int before = radio.pty.waitingAtHostEnd();
        // Device to host while rnsd held the port and read no more: a reply cut short, a packet
        // received for rnsd, boot text, a detect request looped back, garbage, a packet cut off.
        byte[] left = HexFormat.of().parseHex("c00133bc" + "c0234cc0c02425c0c000726e7364c0"
                + HexFormat.of().formatHex("rst:0x1 (POWERON_RESET)\r\n".getBytes(StandardCharsets.US_ASCII))
                + "c00873c0" + "dbdcff00" + "c000dead");
        radio.emulator.inject(left);
        Poll.until(EmulatedRadio.TIMEOUT, "the bytes left at the host end", () -> radio.pty.waitingAtHostEnd() >= before + left.length);

        control.stop(progress::add);
        assertEquals(RadioState.UP, r.status().state(), r.status().reason());
        assertTrue(progress.contains("took " + r.devicePath() + " back: RNode lora is up"), progress.toString());
        assertEquals(0, r.stats().rxFrames(), "rnsd's packet is not delivered to the driver's listeners");
        assertNull(heard.poll());
        assertTrue(r.stats().noiseBytes() >= left.length, "discarded: " + r.stats().noiseBytes());
        assertEquals(LayerState.DISABLED, layer.probe(MeshContext.empty()).state());
    }

    @Test
    void aPortRnsdReleasesOnlyAfterTheStopReturnedIsWaitedFor() throws Exception {
        for (boolean locked : new boolean[] { false, true }) {
            if (locked) {
                rnsd.lockPort();
            }
            rnsd.releasePortLate("forever"); // released below, once the radio is seen waiting for it
            startRnsd();
            LoraRadio r = radio.radio();
            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> {
                try {
                    control.stop(progress::add);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long holder = Poll.until(EmulatedRadio.TIMEOUT, "the child of rnsd still holding the port", () -> rnsd.lingering().orElse(null));
            Poll.assertEventually(EmulatedRadio.TIMEOUT, () -> assertTrue(r.status().reason().startsWith(r.devicePath()
                    + " is held by pid " + holder + " (sleep); waiting for it to be released"), r.status().reason()));
            assertFalse(rnsd.running(), "rnsd itself has stopped");
            assertEquals(RadioState.CONNECTING, r.status().state());
            rnsd.releasePortNow();
            stop.get(60, TimeUnit.SECONDS);
            assertEquals(RadioState.UP, r.status().state(), "locked " + locked + ": " + r.status().reason());
            assertTrue(progress.contains("took " + r.devicePath() + " back: RNode lora is up"), progress.toString());
            assertTrue(radio.emulator.radioOn());
        }
    }

    @Test
    void aPortNeverReleasedGivesAClearErrorAfterTheBoundAndTheOtherRadiosAndTheLayerStayUsable() throws Exception {
        // A second radio also handed to rnsd (named by an earlier configuration): it must come back regardless.
        spare = new EmulatedRadio(dir.resolve("pty-spare"), "spare", radios, 10_000);
        spare.awaitState(RadioState.UP);
        spare.radio().handOver(ReticulumAssessment.OWNER);
        rnsd.lockPort();
        rnsd.releasePortLate("forever");
        startRnsd();
        LoraRadio r = radio.radio();

        RadioException e = assertThrows(RadioException.class, () -> control.stop(progress::add));
        long holder = rnsd.lingering().orElseThrow();
        String expected = "RNode lora could not be taken back from rnsd: " + r.devicePath() + " is held by pid " + holder
                + " (sleep); waited ";
        assertTrue(e.getMessage().startsWith(expected) && e.getMessage().endsWith(" for it to be released (the radio keeps trying"
                + " by itself; rnode:status shows it)"), e.getMessage());
        assertTrue(progress.contains("stopped rnsd.service"), progress.toString());
        assertTrue(progress.contains("took " + spare.radio().devicePath() + " back: RNode spare is up"), progress.toString());
        assertTrue(progress.stream().anyMatch(p -> p.startsWith("could not take " + r.devicePath() + " back: " + expected)), progress.toString());
        assertFalse(rnsd.running());
        assertEquals(RadioState.UP, spare.radio().status().state());
        assertTrue(spare.radio().checkDevice().stream().allMatch(c -> c.verdict().accepted()), "the other radio answers");

        // Meanwhile the layer answers, and the radio (rnode:status) says who holds its port: it is down,
        // its service withdrawn, or already trying again and waiting for the same holder.
        assertEquals(LayerState.DISABLED, layer.probe(MeshContext.empty()).state());
        assertTrue(control.statusRows().stream().anyMatch(row -> row[0].equals("radio") && row[1].contains("rnode:status")));
        Poll.assertEventually(EmulatedRadio.TIMEOUT, () -> assertTrue(r.status().reason().contains("is held by pid " + holder),
                r.status().reason()));
        assertTrue(r.status().state() != RadioState.UP);

        rnsd.releasePortNow();
        radio.awaitState(RadioState.UP); // by itself, once the port is free
        assertTrue(radio.emulator.radioOn());
    }
}
