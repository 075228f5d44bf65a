package org.veilor.update.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.veilor.core.LocalHost;
import org.veilor.testsupport.FakeExecutables;
import org.veilor.testsupport.FakeSystemctl;
import org.veilor.testsupport.bootc.BootcHostJson;
import org.veilor.testsupport.bootc.FakeBootc;

/**
 * A veilor-os node in a folder: the host root with the files the image's signing module writes
 * (policy.json, registries.d, the key in /etc/pki/containers) and the key the image ships under
 * /usr/share/veilor, a fake bootc and a fake systemctl first on the search path.
 */
final class Node {

    static final String IMAGE = "ghcr.io/veilor/veilor-os:43";
    static final BootcHostJson.Entry OLD = BootcHostJson.Entry.of(IMAGE, "0f", "43.20251229.0");
    static final BootcHostJson.Entry GOOD = BootcHostJson.Entry.of(IMAGE, "1a", "43.20260105.0");
    static final BootcHostJson.Entry NEW = BootcHostJson.Entry.of(IMAGE, "2b", "43.20260112.0");

    final Path root;
    final FakeExecutables fakes;
    final FakeBootc bootc;
    final FakeSystemctl systemctl;
    final LocalHost host;
    final String key;
    final Map<String, Object> config = new HashMap<>();
    final List<Duration> retries = new ArrayList<>();
    final List<Runnable> retryTasks = new ArrayList<>();

    Node(Path dir) throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        fakes = new FakeExecutables(dir.resolve("bin"));
        bootc = FakeBootc.install(fakes, dir.resolve("bootc"));
        systemctl = FakeSystemctl.install(fakes, dir.resolve("systemd"));
        systemctl.active("veilor.service", "active");
        host = new LocalHost(root, List.of(fakes.dir(), Path.of("/usr/bin"), Path.of("/bin")));
        key = publicKeyPem();
        write("/usr/share/veilor/cosign.pub", key);
        write("/etc/pki/containers/veilor-os.pub", key);
        write("/etc/containers/policy.json", signedPolicy());
        write("/etc/containers/registries.d/veilor-veilor-os.yaml",
                "docker:\n  ghcr.io/veilor/veilor-os:\n    use-sigstore-attachments: true\n");
        config.put("systemdRun", false);
        config.put("commandTimeoutSeconds", 5);
        config.put("healthWindowSeconds", 60);
    }

    /** The policy the BlueBuild signing module writes for ghcr.io/veilor + veilor-os (core's fixture, trimmed). */
    static String signedPolicy() {
        return """
                {
                  "default": [{"type": "reject"}],
                  "transports": {
                    "docker": {
                      "ghcr.io/veilor/veilor-os": [{"type": "sigstoreSigned", "keyPath": "/etc/pki/containers/veilor-os.pub",
                        "signedIdentity": {"type": "matchRepository"}}],
                      "": [{"type": "insecureAcceptAnything"}]
                    }
                  }
                }
                """;
    }

    void write(String hostPath, String content) throws IOException {
        Path p = root.resolve(hostPath.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    UpdateSettings settings() {
        return Configs.settings(config);
    }

    UpdateWork work(HealthProbe health) {
        return work(health, java.time.Clock.systemUTC());
    }

    UpdateWork work(HealthProbe health, java.time.Clock clock) {
        return new UpdateWork(host, this::settings, health, clock, (d, r) -> {
            retries.add(d);
            retryTasks.add(r);
        });
    }

    /** The recorded bootc calls (argv without the name). */
    List<List<String>> bootcCalls() throws IOException {
        return fakes.calls("bootc");
    }

    long calls(String verb) throws IOException {
        return bootcCalls().stream().filter(c -> !c.isEmpty() && c.get(0).equals(verb)).count();
    }

    /** An ECDSA P-256 public key in PEM, as cosign generate-key-pair writes cosign.pub. */
    static String publicKeyPem() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] der = g.generateKeyPair().getPublic().getEncoded();
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
    }
}
