package org.veilor.mesh.reticulum.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.veilor.core.ConfigStatus;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.RadioState;
import org.veilor.rnode.internal.RNodeManager;
import org.veilor.rnode.internal.RadioComponent;
import org.veilor.rnode.internal.RadioConfig;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.PtyPair;
import org.veilor.testsupport.rnode.RNodeEmulator;

/**
 * A real radio without hardware: socat's PTY pair, the RNode issue's emulator on the device end,
 * and the RNode bundle's own radio component (the real driver, through jSerialComm) on the host
 * end. What the component registers and withdraws lands in a {@link RadioDirectory}, as the
 * service registry would hand it to the agent.
 */
final class EmulatedRadio implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final long FREQUENCY = 869_525_000L;

    final Path dir;
    final RadioDirectory directory;
    PtyPair pty;
    final RNodeEmulator emulator;
    private final RadioComponent component;
    private volatile LoraRadio registered;

    /** A radio named {@code name} on a new PTY pair in {@code dir}, at 869.525 MHz, 125 kHz, SF 8, CR 4/5, 7 dBm. */
    EmulatedRadio(Path dir, String name) throws Exception {
        this(dir, name, new RadioDirectory(), 10_000);
    }

    /**
     * The same, registering in a shared directory, with a bound on how long the radio waits for rnsd
     * (or whoever holds its port) to let go.
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    EmulatedRadio(Path dir, String name, RadioDirectory directory, int portReleaseTimeout) throws Exception {
        this.dir = dir;
        this.directory = directory;
        this.pty = PtyPair.open(dir);
        this.emulator = RNodeEmulator.start(pty.deviceEnd());
        RadioConfig c = mock(RadioConfig.class);
        when(c.name()).thenReturn(name);
        when(c.port()).thenReturn(pty.hostEnd().toString());
        when(c.frequency()).thenReturn(FREQUENCY);
        when(c.bandwidth()).thenReturn(125_000L);
        when(c.txPower()).thenReturn(7);
        when(c.spreadingFactor()).thenReturn(8);
        when(c.codingRate()).thenReturn(5);
        when(c.bootDelay()).thenReturn(0);
        when(c.detectTimeout()).thenReturn(2000);
        when(c.detectAttempts()).thenReturn(3);
        when(c.portReleaseTimeout()).thenReturn(portReleaseTimeout);
        BundleContext context = mock(BundleContext.class);
        ServiceRegistration registration = mock(ServiceRegistration.class);
        when(context.registerService(eq(LoraRadio.class), any(LoraRadio.class), any(Dictionary.class))).thenAnswer(inv -> {
            LoraRadio r = inv.getArgument(1);
            Dictionary<String, Object> d = inv.getArgument(2);
            Map<String, Object> props = new HashMap<>();
            for (String k : Collections.list(d.keys())) {
                props.put(k, d.get(k));
            }
            registered = r;
            directory.add(r, props);
            return registration;
        });
        doAnswer(inv -> {
            LoraRadio r = registered;
            if (r != null) {
                directory.remove(r);
            }
            return null;
        }).when(registration).unregister();
        ConfigStatus status = mock(ConfigStatus.class);
        this.component = new RadioComponent(context, new RNodeManager(status, null), status, c,
                Map.of("service.pid", "org.veilor.rnode.radio~" + name));
    }

    /** The radio's service, once registered. */
    LoraRadio radio() throws Exception {
        return Poll.until(TIMEOUT, "the LoraRadio service", () -> registered);
    }

    void awaitState(RadioState s) throws Exception {
        Poll.assertEventually(TIMEOUT, () -> {
            LoraRadio r = registered;
            if (r == null || r.status().state() != s) {
                throw new AssertionError("radio is " + (r == null ? "not registered" : r.status().state() + ": " + r.status().reason())
                        + ", expected " + s);
            }
        });
    }

    LoraRadio lastRegistered() {
        return registered;
    }

    /** Unplugs the device: socat goes, and both ends of the PTY with it. */
    void unplug() throws Exception {
        pty.close();
    }

    /** Plugs it in again: a new PTY pair at the same paths, and the emulator boots on it. */
    void plugIn() throws Exception {
        pty = PtyPair.open(dir);
        emulator.attach(pty.deviceEnd());
    }

    @Override
    public void close() throws Exception {
        try {
            // RadioComponent's @Deactivate is package-private for SCR; call it as SCR would.
            Method deactivate = RadioComponent.class.getDeclaredMethod("deactivate");
            deactivate.setAccessible(true);
            deactivate.invoke(component);
        } finally {
            emulator.close();
            pty.close();
        }
    }
}
