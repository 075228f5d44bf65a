package org.veilor.mesh.tailscale.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.veilor.core.LocalHost;
import org.veilor.testsupport.FakeExecutables;

/**
 * A node for tests: a {@link LocalHost} over a temporary root with fake {@code tailscale} and
 * {@code systemctl} first on its search path. Neither tailscaled nor systemd can run in a test, so
 * the fakes play them from the documented behaviour (spec mesh-radio.md §3): {@code tailscale
 * status --json} prints the ipnstate JSON, or fails with tailscaled's "failed to connect" message
 * when the daemon is not running; {@code tailscale up} reads {@code --auth-key=file:PATH} and then
 * reports Running. Each fake records its argv in call order; the {@code up} fake also records the
 * key file's mode, its folder's mode and its content, so tests can check how the key was handed over.
 */
public final class FakeNode {

    public final Path dir;
    public final Path root;
    public final Path state;
    public final FakeExecutables fakes;
    public final LocalHost host;
    public volatile TailscaleSettings settings;

    public FakeNode(Path dir) throws IOException {
        this(dir, true);
    }

    public FakeNode(Path dir, boolean withTailscale) throws IOException {
        this.dir = dir;
        this.root = Files.createDirectories(dir.resolve("root"));
        this.state = Files.createDirectories(dir.resolve("state"));
        this.fakes = new FakeExecutables(dir.resolve("bin"));
        if (withTailscale) {
            fakes.script("tailscale", tailscaleBody(state));
        }
        fakes.script("systemctl", systemctlBody(state));
        this.host = new LocalHost(root, List.of(fakes.dir(), Path.of("/usr/bin"), Path.of("/bin")));
        this.settings = new TailscaleSettings("https://hs.example.org", "hs.example.org", "", true, 3, 60);
    }

    /** The fake tailscale, written from its documented behaviour. */
    static String tailscaleBody(Path state) {
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

    /** The fake systemctl: is-enabled/is-active answer from state files; enable/start may be told to fail. */
    static String systemctlBody(Path state) {
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

    /** Makes {@code tailscale status --json} print a fixture (tailscaled answering). */
    public void status(String fixture) throws IOException {
        Files.writeString(state.resolve("status.json"), fixture(fixture));
    }

    /** What {@code tailscale status --json} prints once {@code tailscale up} succeeded. */
    public void afterUp(String fixture) throws IOException {
        Files.writeString(state.resolve("after-up.json"), fixture(fixture));
    }

    public void daemonDown() throws IOException {
        Files.deleteIfExists(state.resolve("status.json"));
    }

    public void set(String file, String content) throws IOException {
        Files.writeString(state.resolve(file), content);
    }

    public String read(String file) throws IOException {
        Path p = state.resolve(file);
        return Files.exists(p) ? Files.readString(p).strip() : null;
    }

    public TailscaleLayer layer() {
        return new TailscaleLayer(host, () -> settings);
    }

    public Joiner joiner() {
        return new Joiner(host, () -> settings, layer());
    }

    public static String fixture(String name) throws IOException {
        try (InputStream in = FakeNode.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
