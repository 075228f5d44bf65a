package org.veilor.mesh.reticulum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.LocalHost;
import org.veilor.mesh.LayerState;
import org.veilor.rnode.FieldCheck;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.LoraSettings;
import org.veilor.rnode.RadioState;
import org.veilor.testsupport.FakeExecutables;
import org.veilor.testsupport.reticulum.FakeRnsd;

/**
 * The control's refusals, with the radio as a Mockito stand-in for the LoraRadio API where the
 * emulator cannot produce the case (a device that no longer holds its verified values).
 */
class ReticulumControlTest {

    @TempDir
    Path dir;
    private FakeExecutables fakes;
    private FakeRnsd rnsd;
    private LocalHost host;
    private final RadioDirectory radios = new RadioDirectory();
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fakes = new FakeExecutables(dir.resolve("bin"));
        rnsd = FakeRnsd.install(fakes, dir.resolve("host"), dir.resolve("state"));
        host = new LocalHost(dir.resolve("host"), List.of(fakes.dir(), Path.of("/usr/bin"), Path.of("/bin")));
    }

    @AfterEach
    void tearDown() throws Exception {
        rnsd.close();
    }

    private ReticulumControl control(Map<String, String> cfg) {
        ReticulumSettings s = ReticulumSettingsTest.valid(cfg);
        return new ReticulumControl(host, () -> s, radios);
    }

    private LoraRadio radio(RadioState state, List<FieldCheck> checks) throws Exception {
        LoraRadio r = mock(LoraRadio.class);
        when(r.name()).thenReturn("lora0");
        when(r.devicePath()).thenReturn("/dev/ttyUSB0");
        when(r.settings()).thenReturn(new LoraSettings(869_525_000L, 125_000L, 7, 8, 5, 0, 0));
        when(r.status()).thenReturn(ReticulumAssessmentTest.radio(state, state == RadioState.HANDED_OVER ? "rnsd" : null, true, true,
                FieldCheck.Verdict.OK));
        when(r.checkDevice()).thenReturn(checks);
        radios.add(r, Map.of(LoraRadio.NAME, "lora0", LoraRadio.CONFIG, "org.veilor.rnode.radio~lora0"));
        return r;
    }

    @Test
    void aRadioThatNoLongerHoldsItsValuesIsNeitherHandedOverNorStarted() throws Exception {
        LoraRadio r = radio(RadioState.UP, List.of(
                new FieldCheck("frequency", "869525000 Hz", "869525000 Hz", FieldCheck.Verdict.OK, ""),
                new FieldCheck("spreadingFactor", "8", "12", FieldCheck.Verdict.MISMATCH, "the device runs another value")));
        ReticulumControl c = control(Map.of("radio", "lora0"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.start(progress::add));
        assertEquals("RNode lora0 does not hold its configuration; rnsd was not started:\n"
                + "  spreadingFactor: asked 8, device reports 12 (mismatch: the device runs another value)", e.getMessage());
        verify(r, never()).handOver(any());
        assertTrue(fakes.calls("systemctl").stream().noneMatch(call -> call.get(0).equals("start")));
    }

    @Test
    void aRadioNotUpIsRefusedAndAMissingOneIsNamed() throws Exception {
        radio(RadioState.CONNECTING, List.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> control(Map.of("radio", "lora0")).start(progress::add));
        assertTrue(e.getMessage().startsWith("RNode lora0 is connecting"), e.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> control(Map.of("radio", "other")).start(progress::add));
        assertTrue(missing.getMessage().startsWith("RNode radio other (PID org.veilor.mesh.reticulum, key radio) has no LoraRadio"
                + " service"), missing.getMessage());
    }

    @Test
    void theRadioIsFoundByItsConfigurationPidToo() throws Exception {
        radio(RadioState.UP, List.of());
        String text = control(Map.of("radio", "org.veilor.rnode.radio~lora0")).render();
        assertTrue(text.contains("  [[RNode lora0]]\n    type = RNodeInterface\n    enabled = Yes\n    port = /dev/ttyUSB0\n"), text);
    }

    @Test
    void checkRadioRefusesWhileRnsdHoldsThePort() throws Exception {
        radio(RadioState.HANDED_OVER, List.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> control(Map.of("radio", "lora0")).checkRadio());
        assertEquals("RNode lora0 is handed over to rnsd: the device cannot be asked while rnsd holds it (mesh:reticulum stop first)",
                e.getMessage());
    }

    @Test
    void theConfigIsWrittenAtomicallyWorldReadableInRnsdsFolder() throws Exception {
        ReticulumControl c = control(Map.of());
        assertEquals("/var/lib/reticulum/config", c.writeConfig());
        Path file = dir.resolve("host/var/lib/reticulum/config");
        assertEquals(c.render(), Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        try (var s = Files.list(file.getParent())) {
            assertEquals(List.of(file), s.toList(), "no temporary file is left beside it");
        }
    }

    @Test
    void theSourceIsRefusedWhenUnset() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> control(Map.of()).source());
        assertTrue(e.getMessage().startsWith("the RetiNet source is unset (PID org.veilor.mesh.reticulum: retinetRepository,"
                + " retinetVersion)"), e.getMessage());
    }

    @Test
    void withoutSystemctlTheLayerIsDownWithTheReason() throws Exception {
        LocalHost bare = new LocalHost(dir.resolve("host"), List.of(dir.resolve("empty")));
        ReticulumSettings s = ReticulumSettingsTest.valid(Map.of());
        var status = new ReticulumControl(bare, () -> s, radios).assess();
        assertEquals(LayerState.DOWN, status.state());
        assertEquals("cannot ask systemd about rnsd.service: systemctl is not on the executable search path; AutoInterface group"
                + " reticulum, backbone 0 of the 12 TCP backbone peers the strategy wants (degraded)", status.detail());
        assertFalse(rnsd.running());
    }
}
