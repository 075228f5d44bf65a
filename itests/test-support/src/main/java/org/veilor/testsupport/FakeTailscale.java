package org.veilor.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fake {@code tailscale} and {@code systemctl} executables for the L3a tests. Neither tailscaled
 * nor systemd can run in a test, so these play them from the documented behaviour (spec
 * mesh-radio.md §3):
 * <ul>
 * <li>{@code tailscale status --json} prints {@code state/status.json}; without it, it fails the
 * way the real client does when tailscaled is not running ("failed to connect to local
 * tailscaled…", exit 1);</li>
 * <li>{@code tailscale up} records the mode of the {@code --auth-key=file:PATH} file, of its
 * folder, and its content ({@code up.mode}, {@code up.dirmode}, {@code up.key}); fails with the
 * text of {@code up-fail} if present; otherwise copies {@code after-up.json} over the status;</li>
 * <li>{@code systemctl is-enabled|is-active tailscaled.service} answer from {@code is-enabled} /
 * {@code is-active} (default disabled / inactive); {@code enable} and {@code start} succeed and
 * update them, unless {@code fail-enable} / {@code fail-start} hold an error text.</li>
 * </ul>
 * Both record their argv through {@link FakeExecutables}.
 */
public final class FakeTailscale {

    private FakeTailscale() {
    }

    /** Writes both fakes into {@code fakes}; their state lives in {@code state}. */
    public static void install(FakeExecutables fakes, Path state, boolean withTailscale) throws IOException {
        Files.createDirectories(state);
        if (withTailscale) {
            fakes.script("tailscale", tailscale(state));
        }
        fakes.script("systemctl", systemctl(state));
    }

    static String tailscale(Path state) {
        return "state='" + state + "'\n"
                + "case \"$1\" in\n"
                + "  status)\n"
                + "    [ -f \"$state/status-sleep\" ] && sleep \"$(cat \"$state/status-sleep\")\"\n"
                + "    if [ ! -f \"$state/status.json\" ]; then\n"
                + "      echo \"failed to connect to local tailscaled; it doesn't appear to be running (sudo systemctl start tailscaled ?)\" >&2\n"
                + "      exit 1\n"
                + "    fi\n"
                + "    cat \"$state/status.json\" ;;\n"
                + "  up)\n"
                + "    f=''\n"
                + "    for a in \"$@\"; do case \"$a\" in --auth-key=file:*) f=\"${a#--auth-key=file:}\" ;; esac; done\n"
                + "    if [ -n \"$f\" ]; then\n"
                + "      stat -c '%a' \"$f\" > \"$state/up.mode\"\n"
                + "      stat -c '%a' \"$(dirname \"$f\")\" > \"$state/up.dirmode\"\n"
                + "      cat \"$f\" > \"$state/up.key\"\n"
                + "    fi\n"
                + "    if [ -f \"$state/up-fail\" ]; then cat \"$state/up-fail\" >&2; exit 1; fi\n"
                + "    if [ -f \"$state/after-up.json\" ]; then cp \"$state/after-up.json\" \"$state/status.json\"; fi\n"
                + "    echo 'Success.' ;;\n"
                + "  *) echo \"fake tailscale: unexpected command $1\" >&2; exit 2 ;;\n"
                + "esac";
    }

    static String systemctl(Path state) {
        return "state='" + state + "'\n"
                + "case \"$1\" in\n"
                + "  is-enabled) v=$(cat \"$state/is-enabled\" 2>/dev/null || echo disabled); echo \"$v\"; [ \"$v\" = enabled ] ;;\n"
                + "  is-active) v=$(cat \"$state/is-active\" 2>/dev/null || echo inactive); echo \"$v\"; [ \"$v\" = active ] ;;\n"
                + "  enable|start)\n"
                + "    if [ -f \"$state/fail-$1\" ]; then cat \"$state/fail-$1\" >&2; exit 1; fi\n"
                + "    [ \"$1\" = enable ] && echo enabled > \"$state/is-enabled\"\n"
                + "    [ \"$1\" = start ] && echo active > \"$state/is-active\"\n"
                + "    exit 0 ;;\n"
                + "  *) echo \"fake systemctl: unexpected verb $1\" >&2; exit 2 ;;\n"
                + "esac";
    }
}
