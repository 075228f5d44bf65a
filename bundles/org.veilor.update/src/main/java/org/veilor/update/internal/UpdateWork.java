package org.veilor.update.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.Finding;
import org.veilor.core.Host;
import org.veilor.update.UpdateReport;
import org.veilor.update.UpdateService;

/**
 * The update operations, one at a time (bootc itself allows one). Every failure of bootc or of the
 * node's files becomes a finding in the report; the state that keeps a rollback from looping is
 * saved before the rollback runs.
 */
public final class UpdateWork implements UpdateService {

    static final String BOOT_ID = "/proc/sys/kernel/random/boot_id";
    static final int LOCK_ATTEMPTS = 10;

    private final Logger logger = LoggerFactory.getLogger(UpdateWork.class);
    private final Host host;
    private final Bootc bootc;
    private final Supplier<UpdateSettings> settings;
    private final HealthProbe health;
    private final Clock clock;
    private final BiConsumer<Duration, Runnable> later;
    private volatile UpdateReport last;
    private int lockAttempts;

    /** @param later schedules a one-shot task on the agent's scheduler (the lock retry) */
    public UpdateWork(Host host, Supplier<UpdateSettings> settings, HealthProbe health, Clock clock,
            BiConsumer<Duration, Runnable> later) {
        this.host = host;
        this.bootc = new Bootc(host, settings);
        this.settings = settings;
        this.health = health;
        this.clock = clock;
        this.later = later;
    }

    @Override
    public UpdateReport last() {
        return last;
    }

    @Override
    public synchronized UpdateReport status() {
        List<Finding> f = new ArrayList<>();
        BootcHost h = read(f);
        return report("status", h != null, h, f);
    }

    @Override
    public synchronized UpdateReport check() {
        List<Finding> f = new ArrayList<>();
        BootcHost h = read(f);
        if (h == null || refuse(h, f)) {
            return report("check", false, h, f);
        }
        try {
            bootc.check();
        } catch (BootcException e) {
            f.add(finding(e));
            return report("check", false, read(f), f);
        }
        h = read(f);
        if (h != null && h.booted() != null) {
            BootcHost.Image cached = h.booted().cachedUpdate();
            f.add(cached == null || cached.digest().equals(h.booted().digest())
                    ? Finding.info("update.none", "no update: the booted image " + Reports.name(h.booted().image())
                            + " is the newest", null)
                    : Finding.info("update.available", "update " + Reports.name(cached) + " is available"
                            + (h.staged() != null && cached.digest().equals(h.staged().digest()) ? " and staged"
                                    : "; stage it with update:apply"), null));
        }
        return report("check", h != null, h, f);
    }

    @Override
    public synchronized UpdateReport apply(boolean reboot, boolean force) {
        List<Finding> f = new ArrayList<>();
        BootcHost h = null;
        try {
            h = bootc.status();
            if (refuse(h, f)) {
                return report("apply", false, h, f);
            }
            bootc.check();
            h = bootc.status();
        } catch (BootcException e) {
            f.add(applyFailure(e, reboot, force));
            return report("apply", false, h, f);
        }
        BootcHost.Image cached = h.booted().cachedUpdate();
        boolean newer = cached != null && !cached.digest().equals(h.booted().digest());
        if (newer && !force) {
            UpdateState st = loadQuietly(f);
            UpdateState.Bad bad = st == null ? null : st.bad(cached.digest()).orElse(null);
            if (bad != null) {
                f.add(Finding.error("update.marked-bad", "update " + Reports.name(cached) + " was marked bad at " + bad.at()
                        + " (" + bad.reason() + "); not staging it (update:apply --force stages it anyway)", null));
                return report("apply", false, h, f);
            }
        }
        if (!newer && h.staged() == null) {
            lockAttempts = 0;
            f.add(Finding.info("update.none", "nothing to stage: the booted image " + Reports.name(h.booted().image())
                    + " is the newest", null));
            return report("apply", true, h, f);
        }
        if (newer && !reboot && h.staged() != null && cached.digest().equals(h.staged().digest())) {
            lockAttempts = 0;
            f.add(Finding.info("update.staged", "update " + Reports.name(cached) + " is already staged; it boots at the next"
                    + " reboot", null));
            return report("apply", true, h, f);
        }
        try {
            bootc.upgrade(reboot);
        } catch (BootcException e) {
            f.add(applyFailure(e, reboot, force));
            // bootc stages atomically: whatever status shows now is the whole truth.
            return report("apply", false, read(f), f);
        }
        lockAttempts = 0;
        h = read(f);
        if (h != null && h.staged() != null) {
            f.add(Finding.info("update.staged", (reboot ? "rebooting into " : "staged ") + Reports.name(h.staged().image())
                    + (reboot ? "" : "; it boots at the next reboot"), null));
        }
        return report("apply", h != null, h, f);
    }

    /** A failed apply; a held lock schedules another attempt (staging only: a retry never reboots). */
    private Finding applyFailure(BootcException e, boolean reboot, boolean force) {
        if (e.kind() != BootcException.Kind.LOCKED) {
            lockAttempts = 0;
            return finding(e);
        }
        if (lockAttempts >= LOCK_ATTEMPTS) {
            lockAttempts = 0;
            return Finding.error(e.code(), e.getMessage() + "; gave up after " + LOCK_ATTEMPTS + " attempts", null);
        }
        lockAttempts++;
        Duration d = settings.get().lockRetry();
        later.accept(d, () -> apply(false, force));
        return Finding.warning(e.code(), e.getMessage() + "; the agent stages the update again in " + d.toSeconds() + " s"
                + " (attempt " + lockAttempts + " of " + LOCK_ATTEMPTS + (reboot ? "; it does not reboot by itself: run"
                        + " update:apply --reboot again" : "") + ")", null);
    }

    @Override
    public synchronized UpdateReport rollback() {
        List<Finding> f = new ArrayList<>();
        BootcHost h = read(f);
        if (h == null || h.booted() == null) {
            return report("rollback", false, h, f);
        }
        if (h.rollback() == null) {
            f.add(Finding.error("update.no-rollback", "there is no rollback deployment to go back to", null));
            return report("rollback", false, h, f);
        }
        UpdateState st = loadQuietly(f);
        UpdateState.Bad mark = new UpdateState.Bad(h.booted().digest(), version(h.booted()), clock.instant(), "admin",
                "rolled back by hand (update:rollback)", "pending");
        if (st != null && h.booted().digest() != null) {
            save(st.withBad(mark), f);
        }
        boolean ok = runRollback(st == null ? null : st.withBad(mark), mark, f);
        h = read(f);
        if (ok && h != null && h.rollback() != null) {
            f.add(Finding.info("update.rolled-back", "the previous deployment " + Reports.name(h.rollback().image())
                    + " boots next; reboot to use it", null));
        }
        return report("rollback", ok, h, f);
    }

    /**
     * The agent's own step: reads bootc and applies the rollback rule. Returns whether a new
     * deployment is still being watched (then the caller looks again after the health poll).
     */
    public synchronized boolean watch() {
        List<Finding> f = new ArrayList<>();
        BootcHost h = read(f);
        UpdateState st = h == null ? null : loadQuietly(f);
        if (st == null) {
            report("watch", false, h, f);
            return false;
        }
        UpdateSettings s = settings.get();
        BootWatch.Outcome o = BootWatch.step(st, h, bootId(), clock.instant(), s.healthWindow(), health::problems);
        if (o.finding() != null) {
            f.add(o.finding());
        }
        if (o.changed() && !save(o.state(), f)) {
            report("watch", false, h, o.watch(), f);
            return false;
        }
        if (o.rollback()) {
            UpdateState.Bad mark = o.state().bad(h.booted().digest()).orElseThrow();
            logger.warn("the new deployment {} was {}; rolling back once", Reports.name(h.booted().image()), mark.reason());
            boolean ok = runRollback(o.state(), mark, f);
            f.add(ok ? Finding.error("update.rolled-back", "the new deployment " + Reports.name(h.booted().image()) + " was "
                    + mark.reason() + ": it is marked bad and bootc rollback ran (once); the previous deployment "
                    + Reports.name(h.rollback().image()) + " boots at the next reboot", null)
                    : Finding.error("update.rollback-failed", "the new deployment " + Reports.name(h.booted().image())
                            + " was " + mark.reason() + ": it is marked bad, but bootc rollback failed (see below); the agent"
                            + " does not try again: roll back by hand with update:rollback", null));
            report("watch", ok, read(f), null, f);
            return false;
        }
        report("watch", true, h, o.watch(), f);
        return o.watch() != null;
    }

    /** Runs bootc rollback once and records what it did in the mark (the mark itself is already saved). */
    private boolean runRollback(UpdateState st, UpdateState.Bad mark, List<Finding> f) {
        String result;
        boolean ok;
        try {
            bootc.rollback();
            result = "done";
            ok = true;
        } catch (BootcException e) {
            f.add(finding(e));
            result = "failed: " + e.getMessage();
            ok = false;
        }
        if (st != null && mark.digest() != null) {
            save(st.withBad(new UpdateState.Bad(mark.digest(), mark.version(), mark.at(), mark.by(), mark.reason(), result)), f);
        }
        return ok;
    }

    /** Refuses to act while the configured image is another repository than the booted one. */
    private boolean refuse(BootcHost h, List<Finding> f) {
        if (h.booted() == null) {
            return true;
        }
        Finding m = Reports.mismatch(settings.get().image(), h.booted());
        if (m != null && m.isError()) {
            f.add(m);
            return true;
        }
        return false;
    }

    private BootcHost read(List<Finding> f) {
        try {
            return bootc.status();
        } catch (BootcException e) {
            f.add(finding(e));
            return null;
        }
    }

    private static Finding finding(BootcException e) {
        return Finding.error(e.code(), e.getMessage(), null);
    }

    private UpdateState loadQuietly(List<Finding> f) {
        return store().loadOrReport(f);
    }

    private boolean save(UpdateState st, List<Finding> f) {
        return store().saveOrReport(st, f);
    }

    private StateStore store() {
        return new StateStore(host, settings.get().stateFile());
    }

    private String bootId() {
        try {
            return host.exists(BOOT_ID) ? host.readString(BOOT_ID).strip() : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String version(BootcHost.Entry e) {
        return e.image() == null ? null : e.image().version();
    }

    private UpdateReport report(String op, boolean done, BootcHost h, List<Finding> f) {
        UpdateReport prev = last;
        UpdateReport.Watch w = prev == null ? null : prev.watch();
        return report(op, done, h, w, f);
    }

    private UpdateReport report(String op, boolean done, BootcHost h, UpdateReport.Watch watch, List<Finding> f) {
        // A state that cannot be read is reported where it is needed; a report without the marks is still one.
        UpdateState st = store().loadOrReport(new ArrayList<>());
        UpdateReport r = Reports.build(op, done, clock.instant(), host, settings.get(), h, st, watch, f);
        last = r;
        return r;
    }
}
