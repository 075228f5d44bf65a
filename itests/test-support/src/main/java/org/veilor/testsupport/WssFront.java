package org.veilor.testsupport;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A TLS front on port 443 of a random loopback address (127.x.y.z, so it collides with nothing
 * on 443 elsewhere), forwarding to a yggdrasil {@code ws://} listener: yggdrasil has no wss
 * listener, and upstream's advice is a ws listener behind a TLS proxy (spec mesh-radio.md §1.4).
 * socat terminates TLS with a certificate made here for that address; a daemon dialling the front
 * trusts it through {@code SSL_CERT_FILE} ({@link #trustEnv}), where Go reads its trust roots.
 */
public final class WssFront implements AutoCloseable {

    private final String uri;
    private final Path certificate;
    private final Process socat;

    private WssFront(String uri, Path certificate, Process socat) {
        this.uri = uri;
        this.certificate = certificate;
        this.socat = socat;
    }

    /** Starts a front for {@code host:port} of a ws listener; its files go in a folder under {@code dir}. */
    static WssFront start(Path dir, String target) throws Exception {
        Random r = new SecureRandom();
        String ip = "127." + (1 + r.nextInt(254)) + "." + (1 + r.nextInt(254)) + "." + (1 + r.nextInt(254));
        Path folder = Files.createDirectories(dir.resolve("wss-" + ip));
        Path key = folder.resolve("key.pem");
        Path cert = folder.resolve("cert.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=" + ip,
                "-addext", "subjectAltName=IP:" + ip, "-addext", "basicConstraints=critical,CA:TRUE"));
        Path both = folder.resolve("front.pem");
        Files.writeString(both, Files.readString(cert) + Files.readString(key));
        Path log = folder.resolve("socat.log");
        Process socat = new ProcessBuilder("socat", "OPENSSL-LISTEN:443,bind=" + ip + ",reuseaddr,fork,cert=" + both + ",verify=0",
                "TCP:" + target).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        WssFront front = new WssFront("wss://" + ip + ":443/ygg", cert, socat);
        try {
            Poll.until(Duration.ofSeconds(60), "the TLS front on " + ip + ":443", () -> {
                if (!socat.isAlive()) {
                    throw new IOException("socat exited: " + Files.readString(log));
                }
                try (Socket s = new Socket(ip, 443)) {
                    return true;
                } catch (IOException e) {
                    return null;
                }
            });
        } catch (Exception | AssertionError e) {
            front.close();
            throw e;
        }
        return front;
    }

    /** {@code wss://127.x.y.z:443/ygg}. */
    public String uri() {
        return uri;
    }

    public Path certificate() {
        return certificate;
    }

    /** The environment that makes a daemon trust this front's certificate. */
    public Map<String, String> trustEnv() {
        return Map.of("SSL_CERT_FILE", certificate.toString());
    }

    /** Stops the front: the peer behind it becomes unreachable. */
    @Override
    public void close() {
        socat.destroyForcibly();
        try {
            socat.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(cmd.get(0) + " failed: " + out);
        }
    }
}
