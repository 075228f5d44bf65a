package org.veilor.enrol.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due enrolment steps: one dispatcher thread finds due enrolments in the database, takes a
 * lease on each (so several instances on one PostgreSQL never work on the same one) and hands it to
 * a pool of workers. Woken at once by a new signup, and every half second for retries coming due;
 * what an earlier run left unfinished is simply due, so a restart resumes it.
 */
final class EnrolmentWorker implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SWEEP = Duration.ofMinutes(1);

    private final Logger logger = LoggerFactory.getLogger(EnrolmentWorker.class);
    private final EnrolmentStore store;
    private final EnrolmentSteps steps;
    private final String owner;
    private final int workers;
    private final Duration lease;
    private final Clock clock;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean dispatchQueued = new AtomicBoolean();
    private final ScheduledExecutorService dispatcher;
    private final ExecutorService pool;
    private volatile long lastSweep;
    private volatile String lastProblem;

    EnrolmentWorker(EnrolmentStore store, EnrolmentSteps steps, String owner, int workers, Duration lease, Clock clock) {
        this.store = store;
        this.steps = steps;
        this.owner = owner;
        this.workers = workers;
        this.lease = lease;
        this.clock = clock;
        this.dispatcher = Executors.newSingleThreadScheduledExecutor(named("veilor-enrol-dispatch"));
        this.pool = Executors.newFixedThreadPool(workers, named("veilor-enrol-worker"));
    }

    /** Frees what an earlier run of this instance held, and starts polling. */
    void start() throws SQLException {
        int freed = store.releaseLeases(owner);
        if (freed > 0) {
            logger.info("resuming {} enrolment(s) left unfinished by the previous run", freed);
        }
        dispatcher.scheduleWithFixedDelay(this::dispatch, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Looks for due work now (after a signup, or when a worker is free). */
    void wake() {
        if (dispatchQueued.compareAndSet(false, true)) {
            try {
                dispatcher.execute(() -> {
                    dispatchQueued.set(false);
                    dispatch();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                dispatchQueued.set(false); // closing
            }
        }
    }

    private void dispatch() {
        try {
            long now = clock.millis();
            if (now - lastSweep > SWEEP.toMillis()) {
                lastSweep = now;
                store.dropExpiredSeals(now);
            }
            int free = workers - inFlight.size();
            while (free > 0) {
                List<Long> due = store.due(now, free, inFlight);
                if (due.isEmpty()) {
                    break;
                }
                int claimed = 0;
                for (long id : due) {
                    if (store.claim(id, owner, now, now + lease.toMillis())) {
                        inFlight.add(id);
                        claimed++;
                        pool.execute(() -> run(id));
                    }
                }
                if (claimed == 0) {
                    break; // another instance took them
                }
                free -= claimed;
                now = clock.millis();
            }
            if (lastProblem != null) {
                logger.info("enrolment database reachable again");
                lastProblem = null;
            }
        } catch (SQLException e) {
            if (!e.getMessage().equals(lastProblem)) {
                logger.warn("enrolment worker cannot read the database: {}; retrying", e.getMessage());
                lastProblem = e.getMessage();
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        } catch (RuntimeException e) {
            logger.error("enrolment dispatcher failed", e);
        }
    }

    private void run(long id) {
        try {
            steps.process(id, owner);
        } finally {
            inFlight.remove(id);
            wake();
        }
    }

    /** How many enrolments are being worked on now. */
    int busy() {
        return inFlight.size();
    }

    /** Stops taking work and waits briefly for running steps; an interrupted step is resumed by the next run. */
    @Override
    public void close() {
        dispatcher.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
