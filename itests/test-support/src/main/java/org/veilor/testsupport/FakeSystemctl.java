package org.veilor.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fake {@code systemctl} that keeps each unit's state in files, for tests where systemd cannot
 * run: {@code STATE/UNIT/is-enabled} (default {@code enabled}) and {@code STATE/UNIT/is-active}
 * (default {@code inactive}) answer {@code is-enabled} / {@code is-active} as systemctl does
 * (the state on stdout, exit 0 only for enabled / active); {@code enable}, {@code disable},
 * {@code start}, {@code stop} and {@code restart} update them, or fail with the text of
 * {@code STATE/UNIT/fail-VERB}. Options before the verb ({@code --no-block}) are accepted and
 * recorded. Calls are recorded through {@link FakeExecutables}. Starting a
 * daemon is left to the test, which plays systemd's part with the real program.
 */
public final class FakeSystemctl {

    private final Path state;

    private FakeSystemctl(Path state) {
        this.state = state;
    }

    /** Writes the fake into {@code fakes}; its state lives in {@code state}. */
    public static FakeSystemctl install(FakeExecutables fakes, Path state) throws IOException {
        Files.createDirectories(state);
        fakes.script("systemctl", "state='" + state + "'\n"
                + "while [[ \"${1:-}\" == --* ]]; do shift; done\n"
                + "verb=\"${1:-}\"; unit=\"${2:-}\"\n"
                + "[ -n \"$unit\" ] || { echo \"fake systemctl: $verb needs a unit\" >&2; exit 2; }\n"
                + "d=\"$state/$unit\"; mkdir -p \"$d\"\n"
                + "if [ -f \"$d/fail-$verb\" ]; then cat \"$d/fail-$verb\" >&2; exit 1; fi\n"
                + "case \"$verb\" in\n"
                + "  is-enabled) v=$(cat \"$d/is-enabled\" 2>/dev/null || echo enabled); echo \"$v\"; [ \"$v\" = enabled ] ;;\n"
                + "  is-active) v=$(cat \"$d/is-active\" 2>/dev/null || echo inactive); echo \"$v\"; [ \"$v\" = active ] ;;\n"
                + "  enable) echo enabled > \"$d/is-enabled\" ;;\n"
                + "  disable) echo disabled > \"$d/is-enabled\" ;;\n"
                + "  start|restart) echo active > \"$d/is-active\" ;;\n"
                + "  stop) echo inactive > \"$d/is-active\" ;;\n"
                + "  *) echo \"fake systemctl: unexpected verb $verb\" >&2; exit 2 ;;\n"
                + "esac");
        return new FakeSystemctl(state);
    }

    /** Sets what {@code is-enabled UNIT} answers. */
    public void enabled(String unit, String value) throws IOException {
        Files.writeString(Files.createDirectories(state.resolve(unit)).resolve("is-enabled"), value + "\n");
    }

    /** Sets what {@code is-active UNIT} answers. */
    public void active(String unit, String value) throws IOException {
        Files.writeString(Files.createDirectories(state.resolve(unit)).resolve("is-active"), value + "\n");
    }

    /** Makes {@code VERB UNIT} fail with a message (null: succeed again). */
    public void fail(String unit, String verb, String message) throws IOException {
        Path f = Files.createDirectories(state.resolve(unit)).resolve("fail-" + verb);
        if (message == null) {
            Files.deleteIfExists(f);
        } else {
            Files.writeString(f, message + "\n");
        }
    }
}
