package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.testsupport.YggdrasilDaemons;

/**
 * The first-boot key script as shipped: shellcheck-clean, and run for real (with the real openssl)
 * into a folder; the key it makes is read by us and by the real 0.5 daemon alike. The service user
 * is the test's own user, since a test cannot make system users.
 */
class KeyScriptTest {

    @TempDir
    Path tmp;
    private Path script;
    private Path key;
    private String user;
    private String group;

    @BeforeEach
    void setUp() throws Exception {
        script = tmp.resolve("veilor-yggdrasil-key");
        Files.writeString(script, YggdrasilContribution.resource("veilor-yggdrasil-key.sh"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        key = tmp.resolve("etc/yggdrasil/private.pem");
        user = System.getProperty("user.name");
        group = run(List.of("id", "-gn"), Map.of()).out().strip();
    }

    record Result(int exit, String out) {
    }

    private Result runScript(String asUser) throws Exception {
        return run(List.of(script.toString()), Map.of("VEILOR_YGG_KEY", key.toString(), "VEILOR_YGG_USER", asUser,
                "VEILOR_YGG_GROUP", group, "VEILOR_YGG_DIR_OWNER", user));
    }

    private static Result run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    @Test
    void shellcheckClean() throws Exception {
        Result r = run(List.of("shellcheck", script.toString()), Map.of());
        assertEquals(0, r.exit(), r.out());
    }

    @Test
    void makesAnOwnerOnlyKeyOnceThatBothSidesRead() throws Exception {
        Result r = runScript(user);
        assertEquals(0, r.exit(), r.out());
        NodeKey k = NodeKey.fromPem(Files.readString(key));
        assertEquals("veilor-yggdrasil-key: made the node key " + key + " (public key " + k.publicHex() + ")", r.out().strip());
        assertFalse(r.out().contains("PRIVATE"), "only the public key is printed");
        PosixFileAttributes a = Files.readAttributes(key, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertEquals("rw-------", PosixFilePermissions.toString(a.permissions()));
        assertEquals(user, a.owner().getName());
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
        try (var s = Files.list(key.getParent())) {
            assertEquals(List.of(key), s.toList(), "no temporary file left");
        }

        Path conf = tmp.resolve("y.conf");
        Files.writeString(conf, "{\"PrivateKeyPath\": \"" + key + "\"}");
        assertEquals(k.publicHex(), new YggdrasilDaemons(YggdrasilDaemons.V05, tmp.resolve("d")).run("-useconffile", conf.toString(),
                "-publickey").strip());

        String before = Files.readString(key);
        Result again = runScript(user);
        assertEquals(0, again.exit(), again.out());
        assertEquals("", again.out(), "an existing key is kept: the node keeps its address");
        assertEquals(before, Files.readString(key));
    }

    @Test
    void withoutItsServiceUserItSaysSo() throws Exception {
        Result r = runScript("no-such-user-veilor");
        assertEquals(1, r.exit());
        assertEquals("veilor-yggdrasil-key: the service user 'no-such-user-veilor' does not exist (systemd-sysusers makes it)",
                r.out().strip());
        assertFalse(Files.exists(key));
    }
}
