package org.veilor.rnode.internal;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.veilor.rnode.FieldCheck;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.LoraSettings;
import org.veilor.rnode.RadioException;
import org.veilor.rnode.RadioListener;
import org.veilor.rnode.RadioStats;
import org.veilor.rnode.RadioStatus;

/**
 * One configured radio as a {@link LoraRadio}: status, traffic, diagnostics and the hand-over of its
 * port. Its life — bringing the port up, losing it and coming back, configuration changes, taking
 * the port back — is its {@link RadioLifecycle}; what it is now, its {@link RadioCondition}.
 */
final class ManagedRadio implements LoraRadio {

    /** Registers and withdraws the {@link LoraRadio} service; the component does it through OSGi. */
    interface Publisher {
        void publish(ManagedRadio radio);

        void withdraw();
    }

    private final RadioCondition now = new RadioCondition();
    private final RadioCounters counters = new RadioCounters();
    private final FrameListeners listeners;
    private final RadioLifecycle life;

    ManagedRadio(RadioPlan plan, PortAcquirer ports, PortClaims claims, Supplier<List<String>> autoCandidates,
            Publisher publisher) {
        this.listeners = new FrameListeners(plan.name());
        this.life = new RadioLifecycle(plan, now, counters, listeners, ports, claims, autoCandidates,
                new RadioLifecycle.Service() {
                    @Override
                    public void publish() {
                        publisher.publish(ManagedRadio.this);
                    }

                    @Override
                    public void withdraw() {
                        publisher.withdraw();
                    }
                });
    }

    /** Starts trying to bring the radio up, in the background. */
    void start() {
        life.start();
    }

    RadioPlan plan() {
        return life.plan();
    }

    /** A valid configuration change: reconfigured in place when only radio values changed, else restarted. */
    void apply(RadioPlan p) {
        life.apply(p);
    }

    /** Stops for good: withdraws the service, tells the device we leave, closes the port. */
    void close() {
        life.close();
    }

    @Override
    public String name() {
        return life.plan().name();
    }

    @Override
    public RadioStatus status() {
        return now.status(life.plan(), counters);
    }

    @Override
    public String devicePath() {
        return now.devicePath(life.plan());
    }

    @Override
    public boolean devicePresent() {
        return now.devicePresent(life.plan());
    }

    @Override
    public LoraSettings settings() {
        RNodeProtocol.Verified v = now.verified;
        return v == null ? life.plan().settings() : v.settings();
    }

    @Override
    public void send(byte[] payload) throws RadioException {
        if (payload == null || payload.length == 0) {
            throw new IllegalArgumentException("nothing to send: the packet is empty");
        }
        if (payload.length > Commands.MTU) {
            throw new IllegalArgumentException("a packet of " + payload.length + " bytes is larger than the RNode MTU of "
                    + Commands.MTU + " bytes");
        }
        RadioPlan p = life.plan();
        RNodeConnection c = now.upConnection();
        if (c == null) {
            throw new RadioException("RNode " + p.name() + " is " + now.state.label() + (now.reason.isEmpty() ? "" : ": " + now.reason));
        }
        try {
            c.sendData(payload, p.flowControl(), RNodeProtocol.readyTimeoutMs(settings()));
        } catch (IOException e) {
            throw new RadioException("RNode " + p.name() + ": " + e.getMessage(), e);
        }
        counters.sent(payload.length);
    }

    @Override
    public AutoCloseable addListener(RadioListener listener) {
        return listeners.add(listener);
    }

    int listenerCount() {
        return listeners.count();
    }

    @Override
    public RadioStats stats() {
        return counters.snapshot(now.connection);
    }

    @Override
    public List<FieldCheck> checkDevice() throws RadioException {
        return life.worker.call(() -> {
            RadioPlan p = life.plan();
            RNodeConnection c = now.upConnection();
            if (c == null) {
                throw new RadioException("RNode " + p.name() + " is " + now.state.label() + ": the device cannot be asked now");
            }
            LoraSettings asked = p.settings();
            RNodeProtocol.Verified v = now.verified;
            LoraSettings echoed = v == null ? null : v.settings();
            try {
                return RNodeProtocol.check(c, asked, alock(asked.airtimeLimitShort(), echoed == null ? null : echoed.airtimeLimitShort()),
                        alock(asked.airtimeLimitLong(), echoed == null ? null : echoed.airtimeLimitLong())).checks();
            } catch (IOException e) {
                throw new RadioException("RNode " + p.name() + ": " + e.getMessage(), e);
            }
        });
    }

    /** The airtime limit the device echoed at configuration; there is no query for it. */
    private static Integer alock(double asked, Double echoed) {
        return asked == 0 || echoed == null ? null : (int) Math.round(echoed * 100);
    }

    @Override
    public void handOver(String newOwner) throws RadioException {
        if (newOwner == null || newOwner.isBlank()) {
            throw new IllegalArgumentException("say who takes the port over (for example rnsd)");
        }
        life.handOver(newOwner);
    }

    @Override
    public void takeBack() throws RadioException {
        life.takeBack();
    }
}
