package org.veilor.testsupport;

import java.io.IOException;

/**
 * A fake {@code systemd-run} for tests where systemd cannot run: it records its call, skips its own
 * options (up to {@code --}, or to the first argument that is not an option) and runs the rest in
 * its place, as {@code systemd-run --wait --pipe} runs a command in a transient unit and passes its
 * output and exit code through.
 */
public final class FakeSystemdRun {

    private FakeSystemdRun() {
    }

    /** Writes the fake into {@code fakes}. */
    public static void install(FakeExecutables fakes) throws IOException {
        fakes.script("systemd-run", "while [ $# -gt 0 ]; do\n"
                + "  case \"$1\" in\n"
                + "    --) shift; break ;;\n"
                + "    -p|--property|--unit|-u|--description|--setenv|-E|--uid|--gid|--service-type) shift 2 ;;\n"
                + "    -*) shift ;;\n"
                + "    *) break ;;\n"
                + "  esac\n"
                + "done\n"
                + "[ $# -gt 0 ] || { echo 'fake systemd-run: no command' >&2; exit 1; }\n"
                + "exec \"$@\"");
    }
}
