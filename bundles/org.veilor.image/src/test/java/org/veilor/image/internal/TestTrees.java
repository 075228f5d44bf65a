package org.veilor.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.veilor.core.Finding;
import org.veilor.core.ReleaseArtifact;

/**
 * Real inputs for renders in unit tests: a veilor distribution folder (with the real bin/veilor
 * launcher), a node profile, a cosign public key, and {@link ImageSettings} from the OCD's own
 * defaults with chosen overrides.
 */
final class TestTrees {

    static final Path LAUNCHER = Path.of(System.getProperty("veilor.launcher", "../../karaf-assembly/src/main/resources/bin/veilor"));
    static final Path CONFIG = Path.of(System.getProperty("veilor.config", "../../config"));
    static final Path TEST_PROFILE = Path.of("src/test/resources/node-profile");

    private TestTrees() {
    }

    /** The OCD with its declared defaults, some overridden (values as the annotation methods return them). */
    static ImageConfig config(Map<String, Object> overrides) {
        return mock(ImageConfig.class, inv -> {
            Method m = inv.getMethod();
            if (overrides.containsKey(m.getName())) {
                return overrides.get(m.getName());
            }
            return m.getDefaultValue();
        });
    }

    /** Settings for a test folder: distribution, profile and key under {@code dir}; karaf.* point there too. */
    static ImageSettings settings(Path dir, Map<String, Object> overrides) throws IOException {
        Map<String, Object> o = new HashMap<>();
        o.put("distribution", distribution(dir.resolve("dist")).toString());
        o.put("nodeProfile", TEST_PROFILE.toAbsolutePath().toString());
        o.put("cosignPublicKey", cosignPub(dir.resolve("cosign.pub")).toString());
        o.putAll(overrides);
        Map<String, String> karaf = Map.of("karaf.home", dir.resolve("home").toString(), "karaf.base",
                dir.resolve("base").toString(), "karaf.etc", dir.resolve("base/etc").toString(), "karaf.data",
                dir.resolve("base/data").toString());
        return ImageSettings.validate(config(o), karaf::get);
    }

    /** A folder shaped like the veilor distribution, with the real launcher and node profile. */
    static Path distribution(Path home) throws IOException {
        if (Files.exists(home.resolve("bin/veilor"))) {
            return home;
        }
        Files.createDirectories(home.resolve("bin"));
        Files.copy(LAUNCHER, home.resolve("bin/veilor"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(home.resolve("bin/veilor"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write(home.resolve("bin/karaf"), "#!/bin/sh\n# stands in for Karaf's launcher in unit tests\necho karaf \"$@\"\n");
        Files.setPosixFilePermissions(home.resolve("bin/karaf"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write(home.resolve("etc/config.properties"), "karaf.framework=felix\n");
        write(home.resolve("etc/keys.properties"), "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n");
        write(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort = 8101\n");
        write(home.resolve("system/org/veilor/org.veilor.core/0.1.0/org.veilor.core-0.1.0.jar"), "not really a jar\n");
        // The node profile, as the assembly ships it: copied from the repository's config/.
        try (Stream<Path> s = Files.walk(CONFIG)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path t = home.resolve("profiles").resolve(CONFIG.relativize(p).toString());
                Files.createDirectories(t.getParent());
                Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return home;
    }

    static Path cosignPub(Path file) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(g.generateKeyPair().getPublic().getEncoded());
            write(file, "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    /** Renders with the given contributions and returns the findings (the tree is in {@code out}). */
    static List<Finding> render(Path out, ImageSettings s, List<Contributed> contributions, boolean publicIso) throws IOException {
        List<String> progress = new ArrayList<>();
        ReleaseArtifact.Progress p = progress::add;
        return TreeRenderer.render(out, s, ContributionRegistry.Snapshot.of(contributions), publicIso, p);
    }

    static List<Finding> errors(List<Finding> findings) {
        return findings.stream().filter(Finding::isError).toList();
    }

    static void assertNoErrors(List<Finding> findings) {
        assertEquals(List.of(), errors(findings), "unexpected errors");
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
