package org.veilor.rnode.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.veilor.rnode.LoraSettings;
import org.veilor.rnode.RadioState;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.PtyPair;
import org.veilor.testsupport.rnode.RNodeEmulator;

/**
 * Radios without hardware for tests: a real PTY pair made by socat, an {@link RNodeEmulator} on its
 * device end, and a {@link ManagedRadio} opening the host end through jSerialComm.
 */
final class RadioRig implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    final PortClaims claims = new PortClaims();
    private final List<AutoCloseable> open = new ArrayList<>();

    RadioRig(Path dir) {
        this.dir = dir;
    }

    PtyPair pty(String name) throws Exception {
        PtyPair p = PtyPair.open(dir.resolve(name));
        open.add(p);
        return p;
    }

    RNodeEmulator emulator(RNodeEmulator.Options options, PtyPair pty) throws Exception {
        RNodeEmulator e = options.start(pty.deviceEnd());
        open.add(0, e);
        return e;
    }

    static LoraSettings settings(long frequency, long bandwidth, int txPower, int sf, int cr) {
        return new LoraSettings(frequency, bandwidth, txPower, sf, cr, 0, 0);
    }

    /** A short boot delay, a 2 s detect timeout, 3 attempts, up to 10 s for another holder to let go. */
    static final OpenRule RULE = new OpenRule(50, 2000, 3, 10_000);

    static RadioPlan plan(String name, String port, LoraSettings s, boolean flowControl) {
        return plan(name, port, s, flowControl, RULE);
    }

    static RadioPlan plan(String name, String port, LoraSettings s, boolean flowControl, OpenRule rule) {
        return new RadioPlan("org.veilor.rnode.radio~" + name, name, port, s, flowControl, rule);
    }

    /** Ports opened as the components open them: jSerialComm, after the machine's other holders let go. */
    static PortAcquirer ports() {
        return new PortAcquirer(JSerialCommLine.OPENER, PortHolders.system());
    }

    /** A radio with a publisher that counts registrations. */
    Radio radio(RadioPlan plan) {
        Radio r = new Radio();
        r.radio = new ManagedRadio(plan, ports(), claims, List::of, r);
        open.add(0, r.radio::close);
        r.radio.start();
        return r;
    }

    /** The radio under test and what it published. */
    static final class Radio implements ManagedRadio.Publisher {
        ManagedRadio radio;
        final AtomicInteger published = new AtomicInteger();
        final AtomicInteger withdrawn = new AtomicInteger();
        volatile boolean registered;

        @Override
        public void publish(ManagedRadio r) {
            published.incrementAndGet();
            registered = true;
        }

        @Override
        public void withdraw() {
            withdrawn.incrementAndGet();
            registered = false;
        }

        Radio awaitState(RadioState s) throws Exception {
            Poll.assertEventually(TIMEOUT, () -> {
                if (radio.status().state() != s) {
                    throw new AssertionError("expected " + s + " but " + radio.status().state() + ": " + radio.status().reason());
                }
            });
            return this;
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }
}
