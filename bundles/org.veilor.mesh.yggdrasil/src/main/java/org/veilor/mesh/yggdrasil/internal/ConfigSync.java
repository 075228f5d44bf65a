package org.veilor.mesh.yggdrasil.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.FileAttrs;
import org.veilor.core.Host;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;

/**
 * Keeps the node's yggdrasil.conf in step with the settings: finds the installed release (its
 * {@code -version}, cached per binary), reads the node key made at first boot, renders the config
 * in that release's dialect, writes it when it changed (0600, owned by the service user) and then
 * restarts the unit through systemctl — unless an admin disabled it. The restart is queued
 * ({@code --no-block}): this runs on the supervisor's probe thread, and the next probe sees
 * whether the daemon came up. Paths inside the config are
 * the ones the daemon opens, with the host root applied.
 */
final class ConfigSync {

    private static final Set<String> STARTABLE = Set.of("enabled", "enabled-runtime", "static", "indirect", "alias", "generated");

    private final Logger logger = LoggerFactory.getLogger(ConfigSync.class);
    private final Host host;
    private String versionOf;
    private YggVersion version;
    private boolean restartPending;

    ConfigSync(Host host) {
        this.host = host;
    }

    /** Why the layer cannot run yet (not installed, no key, config problems); the message is for people. */
    static final class Blocked extends Exception {
        private static final long serialVersionUID = 1L;

        Blocked(String message) {
            super(message);
        }
    }

    /** The result of one sync: what runs, and what happened to the file. */
    record Outcome(YggVersion version, NodeKey key, boolean written, List<String> notes) {
    }

    /** Renders, writes when changed and restarts; throws {@link Blocked} when the config cannot be written. */
    synchronized Outcome sync(YggdrasilSettings s) throws Blocked {
        YggVersion v = version(s);
        NodeKey key = key(s);
        List<String> notes = new ArrayList<>(keyModeNotes(s));
        String text = render(s, v, key);
        boolean written = false;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (!host.exists(s.configPath()) || !Arrays.equals(host.read(s.configPath()), bytes)) {
                host.mkdirs(parent(s.configPath()), s.serviceUser().isEmpty() ? FileAttrs.PRIVATE_FOLDER
                        : new FileAttrs(0750, null, s.serviceUser()));
                host.writeAtomic(s.configPath(), bytes, owned(s));
                written = true;
                restartPending = true;
                logger.info("wrote {} for yggdrasil {} ({} dialect)", s.configPath(), v.text(), v.dialect().label());
            }
        } catch (IOException e) {
            throw new Blocked("cannot write " + s.configPath() + ": " + e.getMessage());
        }
        if (restartPending) {
            restart(s).ifPresentOrElse(notes::add, () -> restartPending = false);
        }
        return new Outcome(v, key, written, notes);
    }

    /** The release the config is written for: forced by the settings, or asked of the binary. */
    synchronized YggVersion version(YggdrasilSettings s) throws Blocked {
        Optional<YggVersion> forced = s.forcedVersion();
        if (forced.isPresent()) {
            return forced.get();
        }
        Path exe = host.which(s.executable()).orElseThrow(() -> new Blocked("yggdrasil is not installed: no '"
                + s.executable() + "' on the executable search path"));
        String id;
        try {
            id = exe + "@" + Files.getLastModifiedTime(exe).toMillis();
        } catch (IOException e) {
            id = exe.toString();
        }
        if (id.equals(versionOf) && version != null) {
            return version;
        }
        Duration t = Duration.ofSeconds(s.adminTimeoutSeconds());
        String out = run(exe, "-version", t);
        Optional<YggVersion> v = YggVersion.detect(out, null);
        if (v.isEmpty()) {
            v = YggVersion.detect(out, run(exe, "-help", t));
        }
        version = v.orElseThrow();
        versionOf = id;
        logger.info("{} is yggdrasil {}: writing the {} dialect", exe, version.text(), version.dialect().label());
        return version;
    }

    private String run(Path exe, String flag, Duration timeout) throws Blocked {
        try {
            ProcessResult r = host.run(ProcessSpec.of(exe.toString(), flag).timeout(timeout).build());
            if (r.timedOut()) {
                throw new Blocked(exe + " " + flag + " did not answer within " + timeout.toSeconds() + " s");
            }
            return r.stdout() + "\n" + r.stderr();
        } catch (IOException e) {
            throw new Blocked("cannot run " + exe + ": " + e.getMessage());
        }
    }

    /** The node key, read from its file. */
    NodeKey key(YggdrasilSettings s) throws Blocked {
        try {
            if (!host.exists(s.keyPath())) {
                throw new Blocked("no node key at " + s.keyPath() + " yet: veilor-yggdrasil-key.service makes it at first"
                        + " boot (or run ygg:keygen)");
            }
            return NodeKey.fromPem(host.read(s.keyPath()));
        } catch (IOException e) {
            throw new Blocked("cannot read the node key " + s.keyPath() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Blocked("the node key " + s.keyPath() + " is unusable: " + e.getMessage());
        }
    }

    /** The config text; the 0.4 text holds the private key. */
    String render(YggdrasilSettings s, YggVersion v, NodeKey key) throws Blocked {
        try {
            return ConfigWriter.render(s.nodeConf(realAdmin(s), host.resolve(s.keyPath()).toString()).withKey(key), v);
        } catch (ConfigProblems e) {
            throw new Blocked("yggdrasil.conf cannot be written for yggdrasil " + v.text() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new Blocked(e.getMessage());
        }
    }

    /** The AdminListen value the daemon opens: a unix socket's host path with the host root applied. */
    String realAdmin(YggdrasilSettings s) throws IOException {
        String a = s.adminListen();
        if (a.startsWith("unix://")) {
            return "unix://" + host.resolve(a.substring("unix://".length()));
        }
        return a;
    }

    FileAttrs owned(YggdrasilSettings s) {
        return s.serviceUser().isEmpty() ? FileAttrs.PRIVATE : FileAttrs.PRIVATE.ownedBy(s.serviceUser(), s.serviceUser());
    }

    static String parent(String hostPath) {
        int slash = hostPath.lastIndexOf('/');
        return slash <= 0 ? "/" : hostPath.substring(0, slash);
    }

    private List<String> keyModeNotes(YggdrasilSettings s) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(host.resolve(s.keyPath()));
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                return List.of("the node key " + s.keyPath() + " is readable by others: chmod 600 it");
            }
        } catch (IOException | UnsupportedOperationException e) {
            logger.debug("cannot read the mode of {}: {}", s.keyPath(), e.getMessage());
        }
        return List.of();
    }

    /** Restarts the unit after a new config; a note when it did not (or could not), empty when it did. */
    private Optional<String> restart(YggdrasilSettings s) {
        if (host.which("systemctl").isEmpty()) {
            return Optional.of("systemctl is not available: restart " + s.unit() + " yourself");
        }
        String enabled = systemctl(s, "is-enabled").stdout().strip();
        if (!STARTABLE.contains(enabled)) {
            return Optional.of("new config not applied: " + s.unit() + " is " + (enabled.isEmpty() ? "unknown" : enabled));
        }
        ProcessResult r = systemctl(s, "--no-block", "restart");
        if (!r.ok()) {
            logger.warn("cannot restart {} after writing {}: {}", s.unit(), s.configPath(), r.describeFailure());
            return Optional.of("restart of " + s.unit() + " failed: " + r.describeFailure());
        }
        logger.info("restarted {} on its new config", s.unit());
        return Optional.empty();
    }

    /** {@code systemctl ARGS… UNIT}, bounded by the admin timeout; a failure to run it is a failed result. */
    ProcessResult systemctl(YggdrasilSettings s, String... args) {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("systemctl"));
        argv.addAll(java.util.List.of(args));
        argv.add(s.unit());
        try {
            return host.run(ProcessSpec.of(argv).timeout(Duration.ofSeconds(s.adminTimeoutSeconds())).build());
        } catch (IOException e) {
            return new ProcessResult("systemctl", -1, "", e.getMessage() == null ? "" : e.getMessage(), false, false);
        }
    }
}
