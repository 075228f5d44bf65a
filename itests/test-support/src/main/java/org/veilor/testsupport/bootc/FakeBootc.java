package org.veilor.testsupport.bootc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.veilor.testsupport.FakeExecutables;

/**
 * A fake {@code bootc} executable whose answers live in files of a state folder, so a test (or a
 * pax-exam test in another JVM) drives it by writing files. Calls are recorded through
 * {@link FakeExecutables}. What it plays, from bootc's documentation and source:
 * <ul>
 * <li>{@code bootc status --format=json} (or {@code --json}) prints {@code status.json};</li>
 * <li>each other step — {@code upgrade --check} ({@link Step#CHECK}), {@code upgrade}
 * ({@link Step#UPGRADE}), {@code upgrade --apply} ({@link Step#APPLY}, which would reboot: it leaves
 * a {@code rebooted} marker), {@code rollback} ({@link Step#ROLLBACK}) — replaces {@code status.json}
 * with {@code after-STEP.json} when that file exists, as the real command changes what status
 * shows next;</li>
 * <li>failures: {@code fail-STEP} (its text on stderr, exit code from {@code fail-STEP.code}, else
 * 1, nothing changed), {@code fail-after-STEP} (the step acts, then fails: an answer lost after
 * the work was done), {@code hang-STEP} (never returns: the caller's timeout must end it),
 * {@code garbage-status} (status prints that text instead of JSON);</li>
 * <li>a held sysroot lock ({@code lock}): every verb waits for it forever. bootc prints
 * "Waiting for sysroot lock..." on stdout once and retries every 3 s (bootc's
 * {@code SysrootLock::new_from_sysroot}); newer releases show it as a terminal spinner only, so
 * {@code lock} containing {@code quiet} waits without printing.</li>
 * </ul>
 */
public final class FakeBootc {

    /** The line bootc prints while another process holds the sysroot lock. */
    public static final String LOCK_MESSAGE = "Waiting for sysroot lock...";

    /** A bootc step the fake can act on or fail at. */
    public enum Step {
        STATUS, CHECK, UPGRADE, APPLY, ROLLBACK;

        String file() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Path state;

    private FakeBootc(Path state) {
        this.state = state;
    }

    /** Writes the fake into {@code fakes}; its state lives in {@code state}. */
    public static FakeBootc install(FakeExecutables fakes, Path state) throws IOException {
        Files.createDirectories(state);
        fakes.script("bootc", script(state));
        return new FakeBootc(state);
    }

    /** A fake whose files a test in another JVM already installed. */
    public static FakeBootc at(Path state) {
        return new FakeBootc(state);
    }

    public Path state() {
        return state;
    }

    static String script(Path state) {
        return "state='" + state + "'\n"
                + "verb=\"${1:-}\"; [ $# -gt 0 ] && shift\n"
                + "step=''; json=no\n"
                + "case \"$verb\" in\n"
                + "  status) step=status ;;\n"
                + "  upgrade) step=upgrade ;;\n"
                + "  rollback) step=rollback ;;\n"
                + "  *) echo \"error: unrecognized subcommand '$verb'\" >&2; exit 2 ;;\n"
                + "esac\n"
                + "prev=''\n"
                + "for a in \"$@\"; do\n"
                + "  case \"$a\" in\n"
                + "    --check) [ \"$step\" = upgrade ] && step=check ;;\n"
                + "    --apply) [ \"$step\" = upgrade ] && step=apply ;;\n"
                + "    --json|--format=json) json=yes ;;\n"
                + "    json) [ \"$prev\" = --format ] && json=yes ;;\n"
                + "  esac\n"
                + "  prev=\"$a\"\n"
                + "done\n"
                + "if [ -f \"$state/lock\" ]; then\n"
                + "  grep -q quiet \"$state/lock\" || echo '" + LOCK_MESSAGE + "'\n"
                + "  exec sleep 3600\n"
                + "fi\n"
                + "[ -f \"$state/hang-$step\" ] && exec sleep 3600\n"
                + "if [ -f \"$state/fail-$step\" ]; then\n"
                + "  cat \"$state/fail-$step\" >&2\n"
                + "  exit \"$(cat \"$state/fail-$step.code\" 2>/dev/null || echo 1)\"\n"
                + "fi\n"
                + "if [ \"$step\" = status ]; then\n"
                + "  [ \"$json\" = yes ] || { echo 'fake bootc: only status --format=json is played' >&2; exit 2; }\n"
                + "  if [ -f \"$state/garbage-status\" ]; then cat \"$state/garbage-status\"; exit 0; fi\n"
                + "  [ -f \"$state/status.json\" ] || { echo 'error: Loading sysroot: opendir(/sysroot): No such file or directory' >&2; exit 1; }\n"
                + "  cat \"$state/status.json\"; exit 0\n"
                + "fi\n"
                + "[ -f \"$state/after-$step.json\" ] && cp \"$state/after-$step.json\" \"$state/status.json\"\n"
                + "[ \"$step\" = apply ] && touch \"$state/rebooted\"\n"
                + "if [ -f \"$state/fail-after-$step\" ]; then cat \"$state/fail-after-$step\" >&2; exit 1; fi\n"
                + "echo \"fake bootc: $step done\"\n";
    }

    /** Sets what {@code bootc status --format=json} prints. */
    public FakeBootc status(String json) throws IOException {
        Files.writeString(state.resolve("status.json"), json, StandardCharsets.UTF_8);
        return this;
    }

    /** What status prints after a step succeeded (null: the step changes nothing). */
    public FakeBootc after(Step step, String json) throws IOException {
        Path f = state.resolve("after-" + step.file() + ".json");
        if (json == null) {
            Files.deleteIfExists(f);
        } else {
            Files.writeString(f, json, StandardCharsets.UTF_8);
        }
        return this;
    }

    /** Makes a step fail with a text on stderr and an exit code, changing nothing (null: succeed again). */
    public FakeBootc fail(Step step, int exitCode, String stderr) throws IOException {
        Path f = state.resolve("fail-" + step.file());
        Path code = state.resolve("fail-" + step.file() + ".code");
        if (stderr == null) {
            Files.deleteIfExists(f);
            Files.deleteIfExists(code);
        } else {
            Files.writeString(f, stderr + "\n");
            Files.writeString(code, Integer.toString(exitCode));
        }
        return this;
    }

    /** Makes a step act and then fail (null: succeed again). */
    public FakeBootc failAfter(Step step, String stderr) throws IOException {
        return flag("fail-after-" + step.file(), stderr == null ? null : stderr + "\n");
    }

    /** Makes a step never return (until the caller's timeout kills it). */
    public FakeBootc hang(Step step, boolean hang) throws IOException {
        return flag("hang-" + step.file(), hang ? "" : null);
    }

    /** Makes status print this text instead of JSON (null: JSON again). */
    public FakeBootc garbage(String text) throws IOException {
        return flag("garbage-status", text);
    }

    /** Holds the sysroot lock: every call waits; {@code quiet} waits without printing (newer bootc). */
    public FakeBootc lock(boolean held, boolean quiet) throws IOException {
        return flag("lock", held ? (quiet ? "quiet" : "verbose") : null);
    }

    /** Whether {@code bootc upgrade --apply} ran (it would have rebooted the machine). */
    public boolean rebooted() {
        return Files.exists(state.resolve("rebooted"));
    }

    private FakeBootc flag(String name, String content) throws IOException {
        Path f = state.resolve(name);
        if (content == null) {
            Files.deleteIfExists(f);
        } else {
            Files.writeString(f, content);
        }
        return this;
    }

    /** A status fixture of this package (see its SOURCES.md). */
    public static String fixture(String name) {
        try (InputStream in = FakeBootc.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no bootc fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
