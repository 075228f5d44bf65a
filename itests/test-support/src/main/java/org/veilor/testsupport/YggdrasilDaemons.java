package org.veilor.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real yggdrasil daemons for tests, on loopback only: Debian's 0.4.7 ({@code apt}, /usr/sbin) and
 * bookworm-backports' 0.5.12, unpacked by scripts/test-setup.sh into
 * /var/lib/veilor-test/yggdrasil-0.5 (never installed over 0.4.7). Each daemon gets a folder of its
 * own (config, log, admin socket); {@link #listener} makes a public-peer stand-in listening on
 * {@code tcp://127.0.0.1:<free port>} with {@code IfName none} and multicast off. {@link #close}
 * kills every daemon started here.
 */
public final class YggdrasilDaemons implements AutoCloseable {

    /** Debian bookworm's yggdrasil 0.4.7. */
    public static final Path V04 = Path.of("/usr/sbin/yggdrasil");
    /** bookworm-backports' yggdrasil 0.5.12, unpacked by the test setup. */
    public static final Path V05 = Path.of("/var/lib/veilor-test/yggdrasil-0.5/usr/sbin/yggdrasil");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern PUBLIC_KEY = Pattern.compile("Your public key is ([0-9a-f]{64})");
    private static final Duration START = Duration.ofSeconds(60);

    private final Path binary;
    private final Path dir;
    private final List<Daemon> daemons = new ArrayList<>();
    private final List<WssFront> fronts = new ArrayList<>();

    /**
     * @param binary {@link #V04} or {@link #V05}
     * @param dir a short folder (admin sockets live in it, and a Unix socket path has at most 107 bytes)
     */
    public YggdrasilDaemons(Path binary, Path dir) throws IOException {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: run scripts/test-setup.sh (it installs yggdrasil 0.4.7"
                    + " and unpacks 0.5.12 from bookworm-backports)");
        }
        this.binary = binary;
        this.dir = Files.createDirectories(dir);
    }

    public Path binary() {
        return binary;
    }

    /** A fresh config from the binary's own {@code -genconf -json}. */
    public ObjectNode genconf() throws IOException, InterruptedException {
        return (ObjectNode) JSON.readTree(run("-genconf", "-json"));
    }

    /** Runs the binary with arguments; returns stdout, or throws with its output when it fails. */
    public String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd + " did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(cmd + " exited with " + p.exitValue() + ": " + new String(err, StandardCharsets.UTF_8).strip());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** A listening node on loopback, allowing the given keys (none: anyone) to peer inbound. */
    public Daemon listener(String name, String... allowedKeys) throws Exception {
        return listenerOn(name, "tcp", allowedKeys);
    }

    /**
     * A node listening on {@code SCHEME://127.0.0.1:<free port>}: tcp, tls, or ws (0.5.7+; put a
     * {@link #wssFront} before it for wss).
     */
    public Daemon listenerOn(String name, String scheme, String... allowedKeys) throws Exception {
        ObjectNode c = genconf();
        int port = FreePorts.next();
        c.putArray("Listen").add(scheme + "://127.0.0.1:" + port);
        c.putArray("Peers");
        c.putArray("MulticastInterfaces");
        var allowed = c.putArray("AllowedPublicKeys");
        for (String k : allowedKeys) {
            allowed.add(k);
        }
        c.put("IfName", "none");
        Path folder = Files.createDirectories(dir.resolve(name));
        c.put("AdminListen", "unix://" + folder.resolve("admin.sock"));
        Path config = folder.resolve("yggdrasil.conf");
        Files.writeString(config, JSON.writeValueAsString(c));
        Daemon d = start(name, config);
        d.listenUri = scheme + "://127.0.0.1:" + port;
        d.awaitLog("listener started|Listening on", START);
        return d;
    }

    /** A TLS front on 443 for a ws:// listener of this set (see {@link WssFront}); closed with the daemons. */
    public WssFront wssFront(Daemon wsListener) throws Exception {
        if (wsListener.listenUri == null || !wsListener.listenUri.startsWith("ws://")) {
            throw new IllegalArgumentException(wsListener + " is not a ws:// listener");
        }
        WssFront front = WssFront.start(dir, wsListener.listenUri.substring("ws://".length()));
        synchronized (daemons) {
            fronts.add(front);
        }
        return front;
    }

    /** Starts a daemon on a config someone else wrote (the code under test). */
    public Daemon start(String name, Path config) throws Exception {
        return start(name, config, Map.of());
    }

    /** Same, with extra environment (for instance {@link WssFront#trustEnv}). */
    public Daemon start(String name, Path config, Map<String, String> env) throws Exception {
        Daemon d = new Daemon(name, config, Files.createDirectories(dir.resolve(name)).resolve("daemon.log"), env);
        synchronized (daemons) {
            daemons.add(d);
        }
        d.start();
        return d;
    }

    @Override
    public void close() {
        synchronized (daemons) {
            for (Daemon d : daemons) {
                d.kill();
            }
            daemons.clear();
            for (WssFront f : fronts) {
                f.close();
            }
            fronts.clear();
        }
    }

    /** One running (or killed) daemon. */
    public final class Daemon {
        private final String name;
        private final Path config;
        private final Path log;
        private final Map<String, String> env;
        private Process process;
        private String listenUri;
        private String publicKey;

        Daemon(String name, Path config, Path log, Map<String, String> env) {
            this.name = name;
            this.config = config;
            this.log = log;
            this.env = Map.copyOf(env);
        }

        public String name() {
            return name;
        }

        public Path config() {
            return config;
        }

        public Path log() {
            return log;
        }

        /** {@code tcp://127.0.0.1:<port>} of a {@link #listener}, else null. */
        public String listenUri() {
            return listenUri;
        }

        /** The daemon's public key, as it logs it at start. */
        public synchronized String publicKey() throws Exception {
            if (publicKey == null) {
                Matcher m = PUBLIC_KEY.matcher(awaitLog(PUBLIC_KEY.pattern(), START));
                m.find();
                publicKey = m.group(1);
            }
            return publicKey;
        }

        /** The admin socket path the config names (unix://…), or null. */
        public Path adminSocket() throws IOException {
            String admin = JSON.readTree(config.toFile()).path("AdminListen").asText("");
            return admin.startsWith("unix://") ? Path.of(admin.substring("unix://".length())) : null;
        }

        /** Starts it (again) on its config; the log is appended to. */
        public synchronized void start() throws Exception {
            if (process != null && process.isAlive()) {
                throw new IllegalStateException(name + " is running already");
            }
            Path socket = adminSocket();
            if (socket != null) {
                // A socket file left by a killed daemon makes the next one fail to listen.
                Files.deleteIfExists(socket);
            }
            Files.writeString(log, "=== start\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-useconffile", config.toString(), "-logto", "stdout")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            process = pb.start();
            process.getOutputStream().close();
            if (socket != null) {
                Poll.until(START, name + "'s admin socket " + socket, () -> Files.exists(socket) || !process.isAlive());
                if (!process.isAlive()) {
                    throw new IOException(name + " exited at start: " + Files.readString(log));
                }
            }
        }

        public synchronized boolean alive() {
            return process != null && process.isAlive();
        }

        /** SIGKILL, as a crash would: the daemon gets no chance to say goodbye to its peers. */
        public synchronized void kill() {
            if (process != null) {
                process.destroyForcibly();
                try {
                    process.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Waits until the log has a line matching the pattern (since the last start); returns the log. */
        public String awaitLog(String regex, Duration timeout) throws Exception {
            Pattern p = Pattern.compile(regex);
            return Poll.until(timeout, name + " to log /" + regex + "/", () -> {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                String last = text.substring(Math.max(0, text.lastIndexOf("=== start")));
                if (p.matcher(last).find()) {
                    return last;
                }
                if (!alive()) {
                    throw new IllegalStateException(name + " is not running: " + last);
                }
                return null;
            });
        }

        @Override
        public String toString() {
            return name + " (" + binary + ", " + config + ")";
        }
    }

    /** A map as a small JSON object, for configs tests write by hand. */
    public static String json(Map<String, ?> config) throws IOException {
        return JSON.writeValueAsString(config);
    }
}
