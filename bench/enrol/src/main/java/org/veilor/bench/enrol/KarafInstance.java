package org.veilor.bench.enrol;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The veilor distribution unpacked into a scratch folder and run as a child process with
 * veilor-headscale and veilor-enrol configured against the fakes; every port it opens is a free
 * loopback port, so it runs beside other instances.
 */
final class KarafInstance implements AutoCloseable {

    private final Path home;
    private final int httpPort;
    private Process process;

    KarafInstance(Path tarball, Path scratch) throws IOException, InterruptedException {
        run(List.of("tar", "-xzf", tarball.toString(), "-C", scratch.toString()));
        try (Stream<Path> s = Files.list(scratch)) {
            home = s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("veilor")).findFirst()
                    .orElseThrow(() -> new IOException("no veilor folder in " + tarball));
        }
        httpPort = freePort();
        put("org.apache.karaf.shell.cfg", Map.of("sshPort", Integer.toString(freePort())));
        put("org.apache.karaf.management.cfg", Map.of("rmiRegistryPort", Integer.toString(freePort()), "rmiServerPort",
                Integer.toString(freePort())));
        put("org.ops4j.pax.web.cfg", Map.of("org.osgi.service.http.port", Integer.toString(httpPort),
                "org.ops4j.pax.web.listening.addresses", "127.0.0.1"));
    }

    Path etc() {
        return home.resolve("etc");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Writes (or merges into) an etc/*.cfg file. */
    void put(String file, Map<String, String> values) throws IOException {
        Path cfg = etc().resolve(file);
        StringBuilder sb = new StringBuilder();
        if (Files.exists(cfg)) {
            for (String line : Files.readAllLines(cfg)) {
                String key = line.contains("=") ? line.substring(0, line.indexOf('=')).strip() : null;
                if (key == null || !values.containsKey(key)) {
                    sb.append(line).append('\n');
                }
            }
        }
        values.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(cfg, sb.toString(), StandardCharsets.UTF_8);
    }

    /** A file only its owner reads (the secrets). */
    Path secret(String name, String value) throws IOException {
        Path f = etc().resolve(name);
        Files.writeString(f, value + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    void start(String javaOptions) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(home.resolve("bin").resolve("karaf").toString(), "server"));
        pb.environment().put("EXTRA_JAVA_OPTS", javaOptions);
        pb.redirectErrorStream(true).redirectOutput(home.resolve("console.log").toFile());
        process = pb.start();
    }

    /**
     * Waits until the webhook answers with this configuration in force: an event from the
     * configured Misskey with the right secret but no eventId is refused for exactly that.
     */
    void awaitWebhook(Duration timeout, String secret, String misskeyUrl) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        int ok = 0;
        // stable for 5 s: installing Jetty refreshes the H2 driver once, which restarts enrolment
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Karaf exited; see " + home.resolve("console.log"));
            }
            try {
                String probe = "{\"server\":\"" + misskeyUrl + "\",\"type\":\"userCreated\",\"eventId\":\"\"}";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/enrol/webhook"))
                        .header("X-Misskey-Hook-Secret", secret).POST(HttpRequest.BodyPublishers.ofString(probe)).build(),
                        HttpResponse.BodyHandlers.ofString());
                ok = r.statusCode() == 400 && r.body().contains("eventId is missing") ? ok + 1 : 0;
                if (ok >= 20) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException("the enrolment webhook did not come up within " + timeout.toSeconds() + " s; see "
                + home.resolve("data/log/karaf.log"));
    }

    Path log() {
        return home.resolve("data").resolve("log").resolve("karaf.log");
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            List<ProcessHandle> karaf = process.toHandle().descendants().toList();
            karaf.forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            // the JVM under bin/karaf outlives the script while it shuts down, and writes
            // instances/ last: wait for it, or the scratch folder is deleted under it
            for (ProcessHandle h : karaf) {
                try {
                    h.onExit().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    h.destroyForcibly();
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
    }
}
