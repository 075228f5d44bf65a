package org.veilor.mesh.tailscale.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.veilor.core.LocalHost;
import org.veilor.testsupport.FakeExecutables;
import org.veilor.testsupport.FakeTailscale;

/**
 * A node for tests: a {@link LocalHost} over a temporary root with the fake {@code tailscale} and
 * {@code systemctl} of {@link FakeTailscale} first on its search path (tailscaled and systemd
 * cannot run in a test), plus the L3a settings and the fixtures.
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
        FakeTailscale.install(fakes, state, withTailscale);
        this.host = new LocalHost(root, List.of(fakes.dir(), Path.of("/usr/bin"), Path.of("/bin")));
        this.settings = new TailscaleSettings("https://hs.example.org", "hs.example.org", "", true, 3, 60);
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
