package org.veilor.mesh.tailscale.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.FileAttrs;
import org.veilor.core.Host;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.LayerStatus;
import org.veilor.mesh.MeshContext;

/**
 * Joins the node to the mesh with a pre-auth key: enables and starts tailscaled (it is disabled
 * at install), writes the key to a 0600 file in a root-only folder, runs
 * {@code tailscale up --auth-key=file:<that file>}, and deletes the file whatever happens. The key
 * is never on a command line (where {@code ps} shows it), never logged, never printed. Always
 * with a key: this never starts an interactive (OIDC) login.
 */
public class Joiner {

    static final String RUN_DIR = "/run/veilor";
    static final String KEY_DIR = RUN_DIR + "/join";
    static final String KEY_FILE_PREFIX = "authkey-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Logger logger = LoggerFactory.getLogger(Joiner.class);
    private final Host host;
    private final Supplier<TailscaleSettings> settings;
    private final TailscaleLayer layer;

    Joiner(Host host, Supplier<TailscaleSettings> settings, TailscaleLayer layer) {
        this.host = host;
        this.settings = settings;
        this.layer = layer;
    }

    /**
     * Joins; returns a one-line result. Progress lines go to {@code progress}.
     *
     * @param force join even when the node is connected already (re-authenticates with the new key)
     * @throws IOException with what failed; never with the key in it
     */
    public synchronized String join(AuthKey key, boolean force, Consumer<String> progress) throws IOException {
        TailscaleSettings s = settings.get();
        require("tailscale");
        require("systemctl");
        if (!force) {
            LayerStatus now = layer.probe(MeshContext.empty());
            if (now.state() == LayerState.ACTIVE) {
                throw new IOException("this node has joined the mesh already (" + now.detail()
                        + "); mesh:join --force joins again with the new key");
            }
        }
        logger.info("joining the Veilor mesh at {} with {}", s.loginServer(), key.redacted());
        progress.accept("enabling " + TailscaleLayer.UNIT);
        systemctl("enable", s);
        progress.accept("starting " + TailscaleLayer.UNIT);
        systemctl("start", s);
        String keyFile = writeKeyFile(key);
        ProcessResult up;
        try {
            List<String> argv = upArgv(s, host.resolve(keyFile).toString(), force);
            progress.accept("tailscale up --login-server=" + s.loginServer() + " (waiting up to " + s.upTimeoutSeconds()
                    + " s for the login server)");
            up = host.run(ProcessSpec.of(argv).timeout(Duration.ofSeconds(s.upTimeoutSeconds() + 30L)).build());
        } finally {
            deleteKeyFile(keyFile);
        }
        if (!up.ok()) {
            String failure = key.scrub(up.describeFailure());
            logger.warn("joining the Veilor mesh at {} failed: {}", s.loginServer(), failure);
            logger.debug("tailscale up output: {} {}", key.scrub(up.stdout()), key.scrub(up.stderr()));
            throw new IOException("tailscale up failed: " + failure);
        }
        LayerStatus after = layer.probe(MeshContext.empty());
        String result = after.state() == LayerState.ACTIVE ? "joined the Veilor mesh at " + s.loginServer() + ": "
                + after.detail()
                : "tailscale up succeeded, but the layer is " + after.state().label() + ": " + after.detail();
        logger.info("{}", key.scrub(result));
        return key.scrub(result);
    }

    /** The {@code tailscale up} command line: every setting spelled out, the key only as a file. */
    static List<String> upArgv(TailscaleSettings s, String keyFile, boolean force) {
        List<String> argv = new ArrayList<>(List.of("tailscale", "up", "--login-server=" + s.loginServer(),
                "--auth-key=file:" + keyFile, "--accept-dns=" + s.acceptDns(), "--timeout=" + s.upTimeoutSeconds() + "s",
                // --reset: a re-run with other flags than the last one is refused without it.
                "--reset"));
        if (!s.hostname().isEmpty()) {
            argv.add("--hostname=" + s.hostname());
        }
        if (force) {
            argv.add("--force-reauth");
        }
        return argv;
    }

    private void require(String executable) throws IOException {
        if (host.which(executable).isEmpty()) {
            throw new IOException(executable + " is not installed on this node (not on the executable search path)");
        }
    }

    private void systemctl(String verb, TailscaleSettings s) throws IOException {
        ProcessResult r = host.run(ProcessSpec.of("systemctl", verb, TailscaleLayer.UNIT)
                .timeout(Duration.ofSeconds(60)).build());
        if (!r.ok()) {
            throw new IOException("could not " + verb + " " + TailscaleLayer.UNIT + ": " + r.describeFailure());
        }
    }

    private String writeKeyFile(AuthKey key) throws IOException {
        host.mkdirs(RUN_DIR, FileAttrs.FOLDER);
        host.mkdirs(KEY_DIR, FileAttrs.PRIVATE_FOLDER);
        byte[] name = new byte[12];
        RANDOM.nextBytes(name);
        String path = KEY_DIR + "/" + KEY_FILE_PREFIX + HexFormat.of().formatHex(name);
        host.writeAtomic(path, key.secret().getBytes(StandardCharsets.UTF_8), FileAttrs.PRIVATE);
        return path;
    }

    private void deleteKeyFile(String path) {
        try {
            host.delete(path);
        } catch (IOException e) {
            logger.error("could not delete the temporary key file {}: {}", path, e.getMessage());
        }
    }

    /** Deletes key files a crash may have left behind (called at activation). */
    void sweepStaleKeyFiles() {
        try {
            for (String f : host.list(KEY_DIR)) {
                if (f.substring(f.lastIndexOf('/') + 1).startsWith(KEY_FILE_PREFIX) && host.delete(f)) {
                    logger.info("deleted a stale temporary key file {}", f); // unless a join removed it meanwhile
                }
            }
        } catch (IOException e) {
            logger.warn("cannot clean {}: {}", KEY_DIR, e.getMessage());
        }
    }
}
