package org.veilor.update.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.veilor.core.Host;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;

/**
 * Runs bootc through the Host seam: an argv list, bounded by a timeout, optionally as a transient
 * systemd unit ({@code systemd-run --wait --pipe}, because veilor.service's sandbox blocks what
 * bootc needs). Every failure becomes a {@link BootcException} whose message an admin can act on.
 *
 * <p>A held sysroot lock is not an error bootc reports: bootc waits for it, printing
 * "Waiting for sysroot lock..." (older releases, on stdout) or only a terminal spinner (newer
 * ones). So a call that prints that line, or a {@code bootc status} — normally instant — that does
 * not answer in time, is reported as {@link BootcException.Kind#LOCKED}.
 */
public final class Bootc {

    static final String EXECUTABLE = "bootc";
    static final String LOCK_LINE = "Waiting for sysroot lock";
    /** Extra time for systemd to stop the transient unit before the seam kills systemd-run itself. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final Host host;
    private final Supplier<UpdateSettings> settings;

    public Bootc(Host host, Supplier<UpdateSettings> settings) {
        this.host = host;
        this.settings = settings;
    }

    /** {@code bootc status --format=json}, parsed. */
    public BootcHost status() throws BootcException {
        ProcessResult r = run(List.of("status", "--format=json"), settings.get().commandTimeout(), true);
        // bootc may have waited for the lock (and said so) before answering.
        return BootcStatusParser.parse(r.stdout().lines().filter(l -> !l.startsWith(LOCK_LINE))
                .collect(java.util.stream.Collectors.joining("\n")));
    }

    /** {@code bootc upgrade --check}: fetches the manifest only; the result shows up as {@code cachedUpdate}. */
    public void check() throws BootcException {
        run(List.of("upgrade", "--check"), settings.get().commandTimeout(), false);
    }

    /** {@code bootc upgrade} (stage), or with {@code --apply} (stage and reboot into it). */
    public void upgrade(boolean apply) throws BootcException {
        run(apply ? List.of("upgrade", "--apply") : List.of("upgrade"), settings.get().upgradeTimeout(), false);
    }

    /** {@code bootc rollback}: the rollback deployment boots next. */
    public void rollback() throws BootcException {
        run(List.of("rollback"), settings.get().commandTimeout(), false);
    }

    private ProcessResult run(List<String> args, Duration timeout, boolean statusCall) throws BootcException {
        UpdateSettings s = settings.get();
        List<String> argv = new ArrayList<>();
        if (s.systemdRun()) {
            // The unit's own limit stops bootc (and nothing lingers) before the seam's timeout fires.
            argv.addAll(List.of("systemd-run", "--wait", "--pipe", "--quiet", "--collect", "--service-type=exec",
                    "--property=RuntimeMaxSec=" + timeout.toSeconds(), "--"));
        }
        argv.add(EXECUTABLE);
        argv.addAll(args);
        String shown = EXECUTABLE + " " + String.join(" ", args);
        if (host.which(argv.get(0)).isEmpty()) {
            throw new BootcException(BootcException.Kind.MISSING, argv.get(0) + " is not on the executable search path"
                    + (argv.get(0).equals(EXECUTABLE) ? ": this is not a bootc-managed host" : "; cannot run " + shown));
        }
        ProcessResult r;
        try {
            r = host.run(ProcessSpec.of(argv).timeout(s.systemdRun() ? timeout.plus(GRACE) : timeout).build());
        } catch (IOException e) {
            throw new BootcException(BootcException.Kind.FAILED, shown + " could not run: " + e.getMessage());
        }
        boolean lockLine = (r.stdout() + r.stderr()).contains(LOCK_LINE);
        if (r.ok() && !lockLine) {
            return r;
        }
        if (lockLine && (r.timedOut() || !r.ok())) {
            throw new BootcException(BootcException.Kind.LOCKED, "another bootc or rpm-ostree operation holds the sysroot lock: "
                    + shown + " printed \"Waiting for sysroot lock...\" and did not finish within " + timeout.toSeconds() + " s");
        }
        if (r.timedOut() && statusCall) {
            throw new BootcException(BootcException.Kind.LOCKED, shown + " did not answer within " + timeout.toSeconds()
                    + " s; it waits while another bootc or rpm-ostree operation holds the sysroot lock");
        }
        if (r.timedOut()) {
            throw new BootcException(BootcException.Kind.TIMEOUT, shown + " did not finish within " + timeout.toSeconds()
                    + " s and was stopped");
        }
        if (r.ok()) {
            return r;
        }
        throw new BootcException(BootcException.Kind.FAILED, shown + " failed (exit " + r.exitCode() + ")"
                + tail(r.stderr().isBlank() ? r.stdout() : r.stderr()));
    }

    private static String tail(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return "";
        }
        int nl = t.lastIndexOf('\n');
        String last = nl < 0 ? t : t.substring(nl + 1).strip();
        return ": " + (last.length() > 300 ? last.substring(0, 300) + "…" : last);
    }
}
