package org.veilor.rnode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.veilor.core.ConfigException;
import org.veilor.core.ConfigStatus;
import org.veilor.rnode.LoraRadio;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.PtyPair;
import org.veilor.testsupport.rnode.RNodeEmulator;

/** The DS glue: an out-of-range configuration fails before the device is touched; a valid one publishes once up. */
class RadioComponentTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void anOutOfRangeConfigurationFailsActivationAndNeverTouchesTheDevice() throws Exception {
        try (RadioRig rig = new RadioRig(dir)) {
            PtyPair pty = rig.pty("a");
            RNodeEmulator emu = rig.emulator(RNodeEmulator.options(), pty);
            RadioConfig c = RadioPlanTest.config();
            when(c.port()).thenReturn(pty.hostEnd().toString());
            when(c.spreadingFactor()).thenReturn(13);
            ConfigStatus status = mock(ConfigStatus.class);
            RNodeManager manager = new RNodeManager(RadioRig.ports(), new PortCatalog(dir, List::of), status, null);
            BundleContext context = mock(BundleContext.class);
            ConfigException e = assertThrows(ConfigException.class, () -> new RadioComponent(context, manager, status, c,
                    Map.of("service.pid", RadioPlanTest.PID)));
            assertEquals("spreadingFactor", e.key());
            verify(status).failed(eq(RadioPlanTest.PID), any());
            assertTrue(manager.radios().isEmpty());
            // the device never heard a byte: only what it said at boot went over the line
            assertEquals(0, emu.bytesFromHost().length);
        }
    }

    @Test
    @SuppressWarnings({ "unchecked", "rawtypes" })
    void aValidConfigurationPublishesTheRadioOnceUpAndRefusesABadChange() throws Exception {
        try (RadioRig rig = new RadioRig(dir)) {
            PtyPair pty = rig.pty("a");
            RNodeEmulator emu = rig.emulator(RNodeEmulator.options(), pty);
            RadioConfig c = RadioPlanTest.config();
            when(c.port()).thenReturn(pty.hostEnd().toString());
            when(c.bootDelay()).thenReturn(0);
            ConfigStatus status = mock(ConfigStatus.class);
            RNodeManager manager = new RNodeManager(RadioRig.ports(), new PortCatalog(dir, List::of), status, null);
            BundleContext context = mock(BundleContext.class);
            ServiceRegistration registration = mock(ServiceRegistration.class);
            when(context.registerService(eq(LoraRadio.class), any(LoraRadio.class), any(Dictionary.class))).thenReturn(registration);

            RadioComponent component = new RadioComponent(context, manager, status, c, Map.of("service.pid", RadioPlanTest.PID));
            Poll.assertEventually(RadioRig.TIMEOUT, () -> verify(context).registerService(eq(LoraRadio.class), any(LoraRadio.class),
                    (Dictionary) any(Dictionary.class)));
            assertEquals("lora0", manager.pick(null).name());
            assertTrue(emu.radioOn());

            RadioConfig bad = RadioPlanTest.config();
            when(bad.port()).thenReturn(pty.hostEnd().toString());
            when(bad.frequency()).thenReturn(50_000_000L);
            component.modified(bad);
            verify(status).refused(eq(RadioPlanTest.PID), any());
            assertEquals(868_000_000L, manager.pick(null).settings().frequency(), "running on the previous configuration");

            component.deactivate();
            verify(registration).unregister();
            verify(status).removed(RadioPlanTest.PID);
            Poll.assertEventually(RadioRig.TIMEOUT, () -> assertTrue(emu.hostLeft(), "CMD_LEAVE reached the device"));
            assertTrue(manager.radios().isEmpty());
        }
    }
}
