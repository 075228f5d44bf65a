package org.veilor.rnode.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.rnode.DeviceInfo;
import org.veilor.rnode.FieldCheck;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.LoraSettings;
import org.veilor.rnode.RadioException;
import org.veilor.rnode.RadioListener;
import org.veilor.rnode.RadioState;
import org.veilor.rnode.RadioStats;
import org.veilor.rnode.RadioStatus;

/**
 * One configured radio and its life: find the port, open, detect, configure, verify, serve; when
 * lost, withdraw and come back by itself with backoff; hand the port over and take it back. Every
 * state change runs on the radio's {@link RadioWorker}, so they never interleave.
 */
final class ManagedRadio implements LoraRadio {

    /** Registers and withdraws the {@link LoraRadio} service; the component does it through OSGi. */
    interface Publisher {
        void publish(ManagedRadio radio);

        void withdraw();
    }

    static final long BACKOFF_START_MS = 1_000;
    static final long BACKOFF_MAX_MS = 60_000;
    /** How often a missing device path is looked for. */
    static final long PRESENCE_POLL_MS = 500;

    private final Logger logger = LoggerFactory.getLogger(ManagedRadio.class);
    private final SerialLine.Opener opener;
    private final PortClaims claims;
    private final Supplier<List<String>> autoCandidates;
    private final Publisher publisher;
    private final RadioCounters counters = new RadioCounters();
    private final FrameListeners listeners;
    private final RadioWorker worker;

    private volatile RadioPlan plan;
    private volatile RadioState state = RadioState.CONNECTING;
    private volatile String reason = "starting";
    private volatile Instant since = Instant.now();
    private volatile String owner;
    private volatile String devicePath;
    private volatile DeviceInfo device;
    private volatile RNodeProtocol.Verified verified;
    private volatile List<FieldCheck> checks = List.of();
    private volatile RNodeConnection connection;
    private volatile boolean closing;
    // worker-thread state
    private String claimKey;
    private long backoff = BACKOFF_START_MS;
    private boolean wasUp;
    private volatile boolean published;
    private boolean presentWhenRejected;

    ManagedRadio(RadioPlan plan, SerialLine.Opener opener, PortClaims claims, Supplier<List<String>> autoCandidates,
            Publisher publisher) {
        this.plan = plan;
        this.opener = opener;
        this.claims = claims;
        this.autoCandidates = autoCandidates;
        this.publisher = publisher;
        this.worker = new RadioWorker(plan.name());
        this.listeners = new FrameListeners(plan.name());
    }

    /** Starts trying to bring the radio up, in the background. */
    void start() {
        worker.execute(() -> schedule(0));
    }

    RadioPlan plan() {
        return plan;
    }

    // ---------------------------------------------------------------- the state machine (worker thread)

    private void schedule(long delayMs) {
        if (!closing) {
            worker.schedule(this::attempt, delayMs);
        }
    }

    private void attempt() {
        if (closing || state == RadioState.UP || state == RadioState.HANDED_OVER) {
            return;
        }
        if (state == RadioState.REJECTED) {
            waitForReplug();
            return;
        }
        RadioPlan p = plan;
        if (p.auto()) {
            attemptAuto(p);
        } else if (!Files.exists(Path.of(p.port()))) {
            if (!wasUp) {
                enter(RadioState.ABSENT, p.port() + " is not present");
            }
            schedule(PRESENCE_POLL_MS); // the port may come back any moment: look often, it costs nothing
        } else if (!bringUp(p, p.port())) {
            if (state == RadioState.REJECTED) {
                schedule(PRESENCE_POLL_MS);
            } else {
                retryLater();
            }
        }
    }

    private void attemptAuto(RadioPlan p) {
        StringBuilder tried = new StringBuilder();
        for (String candidate : autoCandidates.get()) {
            if (claims.owner(candidate) != null || !Files.exists(Path.of(candidate))) {
                continue;
            }
            tried.append(tried.length() == 0 ? "" : ", ").append(candidate);
            if (bringUp(p, candidate)) {
                return;
            }
            if (state == RadioState.REJECTED) {
                schedule(PRESENCE_POLL_MS); // an RNode that refused the configuration is the one meant: report that
                return;
            }
        }
        enter(RadioState.ABSENT, "port = auto: " + (tried.length() == 0 ? "no free serial port found"
                : "no port answered the RNode detect handshake (tried " + tried + ")"));
        retryLater();
    }

    /** Opens, detects, configures and verifies on one path; true when the radio is up. */
    private boolean bringUp(RadioPlan p, String path) {
        String key = claims.claim(path, p.name());
        if (key == null) {
            enter(RadioState.DOWN, path + " is in use by " + claims.owner(path));
            return false;
        }
        claimKey = key;
        enter(RadioState.CONNECTING, "opening " + path);
        RNodeConnection c = null;
        try {
            ConnectionEvents events = new ConnectionEvents(p.name(), counters, listeners, this::lost);
            c = RNodeConnection.open(opener, path, "rnode-" + p.name() + "-reader", events);
            events.connection = c;
            connection = c;
            if (p.bootDelay() > 0) {
                Thread.sleep(p.bootDelay()); // opening may reset the board (mesh-radio.md §5.1)
            }
            enter(RadioState.CONNECTING, "detecting on " + path);
            DeviceInfo info = RNodeProtocol.detect(c, p.detectTimeout());
            devicePath = path;
            device = info;
            enter(RadioState.CONNECTING, "configuring " + info.describe());
            RNodeProtocol.Verified v = RNodeProtocol.configure(c, p.settings());
            verified = v;
            checks = v.checks();
            if (wasUp) {
                counters.reconnected();
            }
            wasUp = true;
            backoff = BACKOFF_START_MS;
            enter(RadioState.UP, "");
            logger.info("RNode {} is up on {}: {}, {}, {}", p.name(), path, info.describe(), v.settings().frequencyText(),
                    v.settings().bitrateText());
            publish();
            return true;
        } catch (RNodeProtocol.NotDetected e) {
            fail(c, RadioState.UNDETECTED, e.getMessage(), false);
        } catch (RNodeProtocol.Rejected e) {
            checks = e.checks();
            presentWhenRejected = true;
            fail(c, RadioState.REJECTED, e.getMessage() + " (tried again when the configuration changes or the device is plugged in again)", true);
            logger.warn("RNode {} ({}): {}", p.name(), p.pid(), e.getMessage());
        } catch (IOException | RadioException e) {
            fail(c, RadioState.DOWN, e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(c, RadioState.DOWN, "interrupted", false);
        }
        return false;
    }

    private void fail(RNodeConnection c, RadioState s, String why, boolean leave) {
        if (c != null) {
            counters.closed(c);
            c.close(leave && !c.closed());
        }
        connection = null;
        claims.release(claimKey);
        claimKey = null;
        enter(s, why);
        logger.debug("RNode {}: {} ({})", plan.name(), s.label(), why);
    }

    private void retryLater() {
        long delay = backoff;
        backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
        reason = reason + "; retrying in " + (delay / 1000.0) + " s";
        schedule(delay);
    }

    /** A rejected configuration is tried again once the device was unplugged and came back. */
    private void waitForReplug() {
        boolean present = Files.exists(Path.of(devicePath()));
        if (!present) {
            presentWhenRejected = false;
        } else if (!presentWhenRejected) {
            enter(RadioState.ABSENT, "plugged in again");
            schedule(0);
            return;
        }
        schedule(PRESENCE_POLL_MS);
    }

    /** From the reader thread: the device is gone. */
    private void lost(RNodeConnection c, String why) {
        worker.execute(() -> {
            if (c != connection || closing) {
                return;
            }
            logger.warn("RNode {} on {} is down: {}; its LoraRadio service is withdrawn until it is back", plan.name(),
                    c.path(), why);
            withdraw();
            fail(c, RadioState.DOWN, "lost at " + Instant.now() + ": " + why + "; waiting for the port to return", false);
            backoff = BACKOFF_START_MS;
            schedule(0);
        });
    }

    private void enter(RadioState s, String why) {
        if (s != state) {
            since = Instant.now();
        }
        state = s;
        reason = why;
    }

    private synchronized void publish() {
        if (!published && !closing) {
            publisher.publish(this);
            published = true;
        }
    }

    private synchronized void withdraw() {
        if (published) {
            publisher.withdraw();
            published = false;
        }
    }

    // ---------------------------------------------------------------- configuration changes and shutdown

    /** A valid configuration change: reconfigured in place when only radio values changed, else restarted. */
    void apply(RadioPlan p) {
        worker.run(() -> {
            RadioPlan old = plan;
            plan = p;
            if (state == RadioState.HANDED_OVER) {
                reason = "port released to " + owner + "; the new configuration applies when it is taken back";
                return;
            }
            RNodeConnection c = connection;
            if (state == RadioState.UP && c != null && old.port().equals(p.port()) && old.name().equals(p.name())) {
                try {
                    RNodeProtocol.Verified v = RNodeProtocol.configure(c, p.settings());
                    verified = v;
                    checks = v.checks();
                    logger.info("RNode {} reconfigured: {}, {}", p.name(), v.settings().frequencyText(), v.settings().bitrateText());
                    return;
                } catch (RNodeProtocol.Rejected e) {
                    checks = e.checks();
                    withdraw();
                    presentWhenRejected = true;
                    fail(c, RadioState.REJECTED, e.getMessage(), true);
                    logger.warn("RNode {} ({}): {}", p.name(), p.pid(), e.getMessage());
                    schedule(PRESENCE_POLL_MS);
                    return;
                } catch (IOException | RadioException e) {
                    logger.debug("RNode {}: reconfiguring in place failed ({}); starting over", p.name(), e.getMessage());
                }
            }
            withdraw();
            fail(connection, RadioState.ABSENT, "reconfiguring", true);
            wasUp = false;
            backoff = BACKOFF_START_MS;
            schedule(0);
        });
    }

    /** Stops for good: withdraws the service, tells the device we leave, closes the port. */
    void close() {
        if (closing) {
            return;
        }
        closing = true;
        // Withdrawn on the caller's (SCR's) thread: unregistering from the worker while SCR waits
        // for this deactivation could deadlock on SCR's own locks.
        withdraw();
        try {
            worker.run(() -> {
                worker.cancelScheduled();
                if (connection != null) {
                    fail(connection, state, "stopped", true);
                }
                claims.release(claimKey);
            });
        } catch (RuntimeException e) {
            logger.warn("RNode {}: closing did not finish cleanly: {}", plan.name(), e.getMessage());
        }
        worker.shutdown();
        listeners.close();
    }

    // ---------------------------------------------------------------- LoraRadio

    @Override
    public String name() {
        return plan.name();
    }

    @Override
    public RadioStatus status() {
        RadioPlan p = plan;
        RNodeProtocol.Verified v = verified;
        return new RadioStatus(p.name(), p.pid(), p.port(), devicePath, state, reason, since, owner, devicePresent(), device,
                p.settings(), v == null ? null : v.settings(), checks, p.flowControl(), counters.snapshot(connection));
    }

    @Override
    public String devicePath() {
        return devicePath != null ? devicePath : plan.port();
    }

    @Override
    public boolean devicePresent() {
        String path = devicePath();
        return !RadioPlan.AUTO.equals(path) && Files.exists(Path.of(path));
    }

    @Override
    public LoraSettings settings() {
        RNodeProtocol.Verified v = verified;
        return v == null ? plan.settings() : v.settings();
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
        RNodeConnection c = connection;
        if (state != RadioState.UP || c == null) {
            throw new RadioException("RNode " + plan.name() + " is " + state.label() + (reason.isEmpty() ? "" : ": " + reason));
        }
        try {
            c.sendData(payload, plan.flowControl(), RNodeProtocol.readyTimeoutMs(settings()));
        } catch (IOException e) {
            throw new RadioException("RNode " + plan.name() + ": " + e.getMessage(), e);
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
        return counters.snapshot(connection);
    }

    @Override
    public List<FieldCheck> checkDevice() throws RadioException {
        return worker.call(() -> {
            RNodeConnection c = connection;
            if (state != RadioState.UP || c == null) {
                throw new RadioException("RNode " + plan.name() + " is " + state.label() + ": the device cannot be asked now");
            }
            LoraSettings asked = plan.settings();
            LoraSettings echoed = verified == null ? null : verified.settings();
            try {
                return RNodeProtocol.check(c, asked, alock(asked.airtimeLimitShort(), echoed == null ? null : echoed.airtimeLimitShort()),
                        alock(asked.airtimeLimitLong(), echoed == null ? null : echoed.airtimeLimitLong())).checks();
            } catch (IOException e) {
                throw new RadioException("RNode " + plan.name() + ": " + e.getMessage(), e);
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
        worker.call(() -> {
            if (state == RadioState.HANDED_OVER) {
                throw new RadioException("RNode " + plan.name() + " is already handed over to " + owner);
            }
            RNodeConnection c = connection;
            if (state != RadioState.UP || c == null) {
                throw new RadioException("RNode " + plan.name() + " is " + state.label() + ": only a radio that is up can be handed over");
            }
            counters.closed(c);
            c.close(true);
            connection = null;
            owner = newOwner;
            claims.relabel(claimKey, newOwner + " (handed over by radio " + plan.name() + ")");
            enter(RadioState.HANDED_OVER, "port " + devicePath + " released to " + newOwner);
            logger.info("RNode {}: port {} handed over to {}", plan.name(), devicePath, newOwner);
            return null;
        });
    }

    @Override
    public void takeBack() throws RadioException {
        worker.call(() -> {
            if (state != RadioState.HANDED_OVER) {
                throw new RadioException("RNode " + plan.name() + " is " + state.label() + ", not handed over");
            }
            String from = owner;
            owner = null;
            claims.release(claimKey);
            claimKey = null;
            RadioPlan p = plan;
            String path = p.auto() ? devicePath : p.port();
            enter(RadioState.CONNECTING, "taking the port back from " + from);
            if (bringUp(p, path)) {
                logger.info("RNode {}: port {} taken back from {}", p.name(), path, from);
                return null;
            }
            String why = reason;
            withdraw();
            if (state == RadioState.REJECTED) {
                schedule(PRESENCE_POLL_MS);
            } else {
                retryLater();
            }
            throw new RadioException("RNode " + p.name() + " could not be taken back from " + from + ": " + why);
        });
    }
}
