package org.veilor.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.LocalHost;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;

/**
 * The node runtime as the image build and the first boot run it: the generated install script
 * unpacks the packed distribution (with the real bin/veilor) into an image root, lays the node profile
 * over it and records the JRE; then the installed launcher initialises /var/lib/veilor/node as
 * veilor.service's ExecStartPre does, generating the local client key on "the node". veilor.service
 * itself is checked by systemd-analyze verify and its offline security review.
 */
class NodeRuntimeTest {

    @TempDir
    static Path dir;
    static Path tree;
    static Path root;
    static LocalHost host;

    @BeforeAll
    static void buildImageRoot() throws IOException {
        tree = dir.resolve("tree");
        TestTrees.assertNoErrors(TestTrees.render(tree, TestTrees.settings(dir, Map.of("nodeProfile",
                TestTrees.CONFIG.resolve("node").toAbsolutePath().toString())), List.of(), false));
        root = dir.resolve("image-root");
        // The JRE the dnf module installs (java-21-openjdk-headless), standing in as a script.
        Path java = root.resolve("usr/lib/jvm/jre-21-openjdk/bin/java");
        TestTrees.write(java, "#!/bin/sh\necho 'openjdk version \"21.0.5\"' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        host = new LocalHost(dir.resolve("host"), List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin")));
        ProcessResult r = host.run(ProcessSpec.of("bash", tree.resolve("files/scripts/" + NodeRuntime.INSTALL_SCRIPT).toString())
                .env("VEILOR_IMAGE_ROOT", root.toString()).env("CONFIG_DIRECTORY", tree.resolve("files").toString())
                .timeout(Duration.ofSeconds(120)).build());
        assertTrue(r.ok(), r.stdout() + r.stderr());
    }

    @Test
    void installScriptLaysOutTheDistributionReadOnly() throws IOException {
        Path home = root.resolve("usr/lib/veilor");
        assertTrue(Files.isExecutable(home.resolve("bin/veilor")));
        assertEquals(Files.readString(TestTrees.LAUNCHER), Files.readString(home.resolve("bin/veilor")));
        assertEquals("JAVA_HOME=/usr/lib/jvm/jre-21-openjdk\n", Files.readString(home.resolve("veilor.env")));
        assertEquals(Files.readString(TestTrees.CONFIG.resolve("node/etc/org.veilor.core.cfg")),
                Files.readString(home.resolve("profiles/node/etc/org.veilor.core.cfg")), "the node profile travels in the image");
        try (Stream<Path> s = Files.walk(home)) {
            for (Path p : s.toList()) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertFalse(perms.charAt(4) == 'w' || perms.charAt(7) == 'w', p + " is writable by others: " + perms);
            }
        }
        assertFalse(Files.exists(home.resolve("data")));
    }

    @Test
    void firstStartInitialisesTheNodeBaseWithALocalKey() throws IOException {
        Path base = root.resolve("var/lib/veilor/node");
        Path launcher = root.resolve("usr/lib/veilor/bin/veilor");
        // What ExecStartPre runs: bin/veilor --profile node --base /var/lib/veilor/node init
        ProcessResult r = host.run(ProcessSpec.of(launcher.toString(), "--profile", "node", "--base", base.toString(), "init")
                .timeout(Duration.ofSeconds(60)).build());
        assertTrue(r.ok(), r.stdout() + r.stderr());
        assertEquals("node\n", Files.readString(base.resolve("etc/veilor-profile")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(base.resolve("etc/veilor-local_rsa"))));
        assertTrue(Files.readString(base.resolve("etc/veilor-local_rsa")).contains("PRIVATE KEY"));
        assertTrue(Files.readString(base.resolve("etc/keys.properties")).contains("veilor-local="));
        assertTrue(Files.readString(base.resolve("etc/org.veilor.core.cfg")).contains("hostRoot = /"));
        // the key exists only on the node: never in the tree the image is built from
        try (Stream<Path> s = Files.walk(tree)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("veilor-local_rsa")));
        }
        // a second start keeps the base (no-op)
        byte[] key = Files.readAllBytes(base.resolve("etc/veilor-local_rsa"));
        assertTrue(host.run(ProcessSpec.of(launcher.toString(), "--profile", "node", "--base", base.toString(), "init").build()).ok());
        assertTrue(java.util.Arrays.equals(key, Files.readAllBytes(base.resolve("etc/veilor-local_rsa"))));
    }

    @Test
    void unitPassesSystemdAnalyzeVerify() throws IOException {
        Path sysroot = systemdRoot();
        ProcessResult r = host.run(ProcessSpec.of("systemd-analyze", "verify", "--root=" + sysroot, NodeRuntime.UNIT)
                .timeout(Duration.ofSeconds(60)).build());
        // verify exits 0 on some problems (unknown keys, bad values): any diagnostic is a failure here.
        assertTrue(r.ok() && r.stdout().isBlank() && r.stderr().isBlank(), "systemd-analyze verify:\n" + r.stdout() + r.stderr());
    }

    @Test
    void verifyCatchesABrokenUnit() throws IOException {
        Path sysroot = systemdRoot();
        Path unit = sysroot.resolve("usr/lib/systemd/system/" + NodeRuntime.UNIT);
        Files.writeString(unit, Files.readString(unit).replace("ProtectSystem=yes", "ProtectSystem=maybe"));
        ProcessResult r = host.run(ProcessSpec.of("systemd-analyze", "verify", "--root=" + sysroot, NodeRuntime.UNIT).build());
        assertTrue((r.stdout() + r.stderr()).contains("protect system value"), r.stdout() + r.stderr());
    }

    @Test
    void unitIsHardenedAsFarAsARootAgentAllows() throws IOException {
        Path sysroot = systemdRoot();
        // An unhardened root service scores 9.6 ("UNSAFE"); this one keeps root, /etc and devices. The
        // threshold is in tenths: 50 = exposure 5.0, "MEDIUM" at worst.
        ProcessResult r = host.run(ProcessSpec.of("systemd-analyze", "security", "--offline=yes", "--root=" + sysroot,
                "--threshold=50", "--no-pager", NodeRuntime.UNIT).timeout(Duration.ofSeconds(60)).build());
        assertTrue(r.ok(), "exposure above 5.0:\n" + r.stdout() + r.stderr());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Overall exposure level for veilor.service: (\\d+\\.\\d)")
                .matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        assertTrue(Double.parseDouble(m.group(1)) <= 5.0, m.group());
    }

    /** An alternate root with the host's own units (targets the unit refers to), the unit and its executable. */
    private static Path systemdRoot() throws IOException {
        Path sysroot = Files.createTempDirectory(dir, "sysroot");
        Path units = sysroot.resolve("usr/lib/systemd/system");
        Files.createDirectories(units);
        for (Path hostUnits : List.of(Path.of("/lib/systemd/system"), Path.of("/usr/lib/systemd/system"))) {
            if (Files.isDirectory(hostUnits)) {
                try (Stream<Path> s = Files.list(hostUnits)) {
                    for (Path p : s.filter(Files::isRegularFile).toList()) {
                        Files.copy(p, units.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        Files.copy(tree.resolve("files/systemd/system/" + NodeRuntime.UNIT), units.resolve(NodeRuntime.UNIT),
                StandardCopyOption.REPLACE_EXISTING);
        Path exe = sysroot.resolve("usr/lib/veilor/bin/veilor");
        Files.createDirectories(exe.getParent());
        Files.copy(root.resolve("usr/lib/veilor/bin/veilor"), exe);
        TestTrees.write(sysroot.resolve("usr/lib/veilor/veilor.env"), "JAVA_HOME=/usr/lib/jvm/jre-21-openjdk\n");
        return sysroot;
    }
}
