package org.veilor.rnode.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.rnode.RadioException;
import org.veilor.rnode.RadioState;

/**
 * The life of one radio, on its {@link RadioWorker}: find the port, bring it up; when lost,
 * withdraw the service and come back by itself with backoff; apply configuration changes; hand the
 * port over and take it back. Every step runs on the worker, so they never interleave.
 */
final class RadioLifecycle {

    /** Registers and withdraws the radio's service. */
    interface Service {
        void publish();

        void withdraw();
    }

    static final long BACKOFF_START_MS = 1_000;
    static final long BACKOFF_MAX_MS = 60_000;
    /** How often a missing device path is looked for. */
    static final long PRESENCE_POLL_MS = 500;

    private final Logger logger = LoggerFactory.getLogger(RadioLifecycle.class);
    private final RadioCondition now;
    private final RadioCounters counters;
    private final FrameListeners listeners;
    private final RadioBringUp bringUp;
    private final PortClaims claims;
    private final Supplier<List<String>> autoCandidates;
    private final Service service;
    final RadioWorker worker;

    private volatile RadioPlan plan;
    private volatile boolean closing;
    /** Set while a configuration change waits for the worker: a wait for the port gives way to it. */
    private volatile boolean replanned;
    private boolean published;
    // worker-thread state
    private String claimKey;
    private long backoff = BACKOFF_START_MS;
    private boolean wasUp;
    private boolean presentWhenRejected;

    RadioLifecycle(RadioPlan plan, RadioCondition now, RadioCounters counters, FrameListeners listeners, PortAcquirer ports,
            PortClaims claims, Supplier<List<String>> autoCandidates, Service service) {
        this.plan = plan;
        this.now = now;
        this.counters = counters;
        this.listeners = listeners;
        this.bringUp = new RadioBringUp(ports, counters);
        this.claims = claims;
        this.autoCandidates = autoCandidates;
        this.service = service;
        this.worker = new RadioWorker(plan.name());
    }

    RadioPlan plan() {
        return plan;
    }

    void start() {
        worker.execute(() -> schedule(0));
    }

    private void schedule(long delayMs) {
        if (!closing) {
            worker.schedule(this::attempt, delayMs);
        }
    }

    private void attempt() {
        RadioState s = now.state;
        if (closing || s == RadioState.UP || s == RadioState.HANDED_OVER) {
            return;
        }
        if (s == RadioState.REJECTED) {
            waitForReplug();
            return;
        }
        RadioPlan p = plan;
        if (p.auto()) {
            attemptAuto(p);
        } else if (!Files.exists(Path.of(p.port()))) {
            if (!wasUp) {
                now.enter(RadioState.ABSENT, p.port() + " is not present");
            }
            schedule(PRESENCE_POLL_MS); // the port may come back any moment: look often, it costs nothing
        } else if (!bringUp(p, p.port(), p.open().releaseTimeout())) {
            afterFailure();
        }
    }

    private void attemptAuto(RadioPlan p) {
        StringBuilder tried = new StringBuilder();
        for (String candidate : autoCandidates.get()) {
            if (claims.owner(candidate) != null || !Files.exists(Path.of(candidate))) {
                continue;
            }
            tried.append(tried.length() == 0 ? "" : ", ").append(candidate);
            if (bringUp(p, candidate, 0)) { // a port another program holds is not one to wait for here
                return;
            }
            if (now.state == RadioState.REJECTED) {
                schedule(PRESENCE_POLL_MS); // an RNode that refused the configuration is the one meant: report that
                return;
            }
        }
        now.enter(RadioState.ABSENT, "port = auto: " + (tried.length() == 0 ? "no free serial port found"
                : "no port answered the RNode detect handshake (tried " + tried + ")"));
        retryLater();
    }

    /** Opens, detects, configures and verifies on one path; true when the radio is up. */
    private boolean bringUp(RadioPlan p, String path, long releaseTimeout) {
        String key = claims.claim(path, p.name());
        if (key == null) {
            now.enter(RadioState.DOWN, path + " is in use by " + claims.owner(path));
            return false;
        }
        claimKey = key;
        now.enter(RadioState.CONNECTING, "opening " + path);
        try {
            ConnectionEvents events = new ConnectionEvents(p.name(), counters, listeners, this::lost);
            RadioBringUp.Session s = bringUp.run(p, path, releaseTimeout, events, () -> closing || replanned,
                    step -> now.enter(RadioState.CONNECTING, step));
            if (wasUp) {
                counters.reconnected();
            }
            wasUp = true;
            backoff = BACKOFF_START_MS;
            now.up(path, s);
            logger.info("RNode {} is up on {}: {}, {}, {}", p.name(), path, s.device().describe(),
                    s.verified().settings().frequencyText(), s.verified().settings().bitrateText());
            publish();
            return true;
        } catch (RNodeProtocol.NotDetected e) {
            fail(RadioState.UNDETECTED, e.getMessage(), false);
        } catch (RNodeProtocol.Rejected e) {
            now.checks = e.checks();
            presentWhenRejected = true;
            fail(RadioState.REJECTED, e.getMessage() + " (tried again when the configuration changes or the device is plugged in again)", false);
            logger.warn("RNode {} ({}): {}", p.name(), p.pid(), e.getMessage());
        } catch (IOException | RadioException e) {
            fail(RadioState.DOWN, e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(RadioState.DOWN, "interrupted", false);
        }
        return false;
    }

    /** Closes the open connection (if any; telling the device with {@code leave}), releases the port, enters the state. */
    private void fail(RadioState s, String why, boolean leave) {
        RNodeConnection c = now.connection;
        if (c != null) {
            counters.closed(c);
            c.close(leave && !c.closed());
        }
        now.connection = null;
        claims.release(claimKey);
        claimKey = null;
        now.enter(s, why);
        logger.debug("RNode {}: {} ({})", plan.name(), s.label(), why);
    }

    private void afterFailure() {
        if (now.state == RadioState.REJECTED) {
            schedule(PRESENCE_POLL_MS);
        } else {
            retryLater();
        }
    }

    private void retryLater() {
        long delay = backoff;
        backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
        now.reason = now.reason + "; retrying in " + (delay / 1000.0) + " s";
        schedule(delay);
    }

    /** A rejected configuration is tried again once the device was unplugged and came back. */
    private void waitForReplug() {
        boolean present = now.devicePresent(plan);
        if (!present) {
            presentWhenRejected = false;
        } else if (!presentWhenRejected) {
            now.enter(RadioState.ABSENT, "plugged in again");
            schedule(0);
            return;
        }
        schedule(PRESENCE_POLL_MS);
    }

    /** From the reader thread: the device is gone. */
    private void lost(RNodeConnection c, String why) {
        worker.execute(() -> {
            if (c != now.connection || closing) {
                return;
            }
            logger.warn("RNode {} on {} is down: {}; its LoraRadio service is withdrawn until it is back", plan.name(),
                    c.path(), why);
            withdraw();
            fail(RadioState.DOWN, "lost at " + Instant.now() + ": " + why + "; waiting for the port to return", false);
            backoff = BACKOFF_START_MS;
            schedule(0);
        });
    }

    private synchronized void publish() {
        if (!published && !closing) {
            service.publish();
            published = true;
        }
    }

    synchronized void withdraw() {
        if (published) {
            service.withdraw();
            published = false;
        }
    }

    /** A valid configuration change: reconfigured in place when only radio values changed, else restarted. */
    void apply(RadioPlan p) {
        replanned = true; // a bring-up waiting for the port gives way
        worker.run(() -> {
            replanned = false;
            RadioPlan old = plan;
            plan = p;
            if (now.state == RadioState.HANDED_OVER) {
                now.reason = "port released to " + now.owner + "; the new configuration applies when it is taken back";
                return;
            }
            RNodeConnection c = now.upConnection();
            if (c != null && old.port().equals(p.port()) && old.name().equals(p.name())) {
                try {
                    now.verified(RNodeProtocol.configure(c, p.settings()));
                    logger.info("RNode {} reconfigured: {}, {}", p.name(), now.verified.settings().frequencyText(),
                            now.verified.settings().bitrateText());
                    return;
                } catch (RNodeProtocol.Rejected e) {
                    now.checks = e.checks();
                    withdraw();
                    presentWhenRejected = true;
                    fail(RadioState.REJECTED, e.getMessage(), true);
                    logger.warn("RNode {} ({}): {}", p.name(), p.pid(), e.getMessage());
                    schedule(PRESENCE_POLL_MS);
                    return;
                } catch (IOException | RadioException e) {
                    logger.debug("RNode {}: reconfiguring in place failed ({}); starting over", p.name(), e.getMessage());
                }
            }
            withdraw();
            fail(RadioState.ABSENT, "reconfiguring", true);
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
        closing = true; // also ends a wait for the port
        // Withdrawn on the caller's (SCR's) thread: unregistering from the worker while SCR waits
        // for this deactivation could deadlock on SCR's own locks.
        withdraw();
        try {
            worker.run(() -> {
                worker.cancelScheduled();
                if (now.connection != null) {
                    fail(now.state, "stopped", true);
                }
                claims.release(claimKey);
            });
        } catch (RuntimeException e) {
            logger.warn("RNode {}: closing did not finish cleanly: {}", plan.name(), e.getMessage());
        }
        worker.shutdown();
        listeners.close();
    }

    /** Closes the port for another owner; the service stays registered. */
    void handOver(String newOwner) throws RadioException {
        worker.call(() -> {
            if (now.state == RadioState.HANDED_OVER) {
                throw new RadioException("RNode " + plan.name() + " is already handed over to " + now.owner);
            }
            RNodeConnection c = now.upConnection();
            if (c == null) {
                throw new RadioException("RNode " + plan.name() + " is " + now.state.label() + ": only a radio that is up can be handed over");
            }
            counters.closed(c);
            c.close(true);
            now.connection = null;
            now.owner = newOwner;
            // The claim stays: nothing else in this bundle may open the port while the new owner has it.
            claims.relabel(claimKey, newOwner + " (handed over by radio " + plan.name() + ")");
            now.enter(RadioState.HANDED_OVER, "port " + now.devicePath + " released to " + newOwner);
            logger.info("RNode {}: port {} handed over to {}", plan.name(), now.devicePath, newOwner);
            return null;
        });
    }

    /** Takes the port back once its holder let go (bounded wait), and brings the radio up on it. */
    void takeBack() throws RadioException {
        RadioPlan planned = plan;
        worker.call(() -> {
            if (now.state != RadioState.HANDED_OVER) {
                throw new RadioException("RNode " + plan.name() + " is " + now.state.label() + ", not handed over");
            }
            String from = now.owner;
            now.owner = null;
            claims.release(claimKey);
            claimKey = null;
            RadioPlan p = plan;
            String path = p.auto() ? now.devicePath : p.port();
            now.enter(RadioState.CONNECTING, "taking the port back from " + from);
            if (bringUp(p, path, p.open().releaseTimeout())) {
                logger.info("RNode {}: port {} taken back from {}", p.name(), path, from);
                return null;
            }
            String why = now.reason;
            withdraw();
            afterFailure();
            throw new RadioException("RNode " + p.name() + " could not be taken back from " + from + ": " + why);
        }, planned.open().worstCaseMs());
    }
}
