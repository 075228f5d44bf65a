package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.veilor.testsupport.FreePorts;
import org.veilor.testsupport.Poll;

/**
 * Karaf SSH as shipped: a real OpenSSH client logs in with an RSA key listed in keys.properties
 * and runs veilor:status; passwords are not even offered; an unknown key is refused; there is no
 * karaf/karaf user.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SshIT extends VeilorTestSupport {

    @Override
    protected boolean remoteShell() {
        return true;
    }

    @Override
    protected Option[] extraOptions() {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("veilor.itest.dir", "target/itest-work"), "ssh"));
            Path key = newKey(dir, "admin_rsa");
            newKey(dir, "stranger_rsa");
            String pub = Files.readString(dir.resolve("admin_rsa.pub")).split(" ")[1];
            int port = FreePorts.next();
            return new Option[] {
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(port)),
                editConfigurationFilePut("etc/keys.properties", "itest", pub + ",_g_:admingroup"),
                systemProperty("veilor.itest.sshPort").value(String.valueOf(port)),
                systemProperty("veilor.itest.sshKey").value(key.toString()),
                systemProperty("veilor.itest.sshStranger").value(dir.resolve("stranger_rsa").toString()) };
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare SSH keys", e);
        }
    }

    private static Path newKey(Path dir, String name) throws Exception {
        Path key = dir.resolve(name);
        Files.deleteIfExists(key);
        Files.deleteIfExists(dir.resolve(name + ".pub"));
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ssh-keygen failed: " + new String(p.getInputStream().readAllBytes()));
        }
        return key;
    }

    @Test
    public void openSshWithAKeyRunsVeilorStatus() throws Exception {
        Result r = Poll.until(TIMEOUT, "SSH login", () -> {
            Result attempt = ssh(System.getProperty("veilor.itest.sshKey"), "itest", List.of(), "veilor:status");
            return attempt.exit == 0 ? attempt : null;
        });
        assertTrue(r.out, r.out.contains("release   v0.7"));
        assertTrue(r.out, r.out.contains("veilor-core"));
    }

    @Test
    public void passwordsAreNotOfferedAndFail() throws Exception {
        awaitSsh();
        Result r = ssh(null, "karaf", List.of("-v", "-o", "PubkeyAuthentication=no",
                "-o", "PreferredAuthentications=password,keyboard-interactive"), "veilor:status");
        assertNotEquals(0, r.exit);
        assertTrue(r.err, r.err.contains("Authentications that can continue: publickey"));
        assertFalse(r.err, r.err.contains("Authentications that can continue: publickey,password"));
        assertTrue(r.err, r.err.contains("Permission denied (publickey)"));
    }

    @Test
    public void anUnknownKeyIsRefused() throws Exception {
        awaitSsh();
        Result r = ssh(System.getProperty("veilor.itest.sshStranger"), "itest", List.of(), "veilor:status");
        assertNotEquals(0, r.exit);
        assertTrue(r.err, r.err.contains("Permission denied (publickey)"));
    }

    @Test
    public void thereIsNoPasswordUserAndSshIsLoopbackOnly() throws Exception {
        for (String line : Files.readAllLines(karafEtc().resolve("users.properties"), StandardCharsets.UTF_8)) {
            String t = line.strip();
            assertTrue("users.properties must hold no user: " + line,
                    t.isEmpty() || t.startsWith("#") || t.startsWith("_g_\\:"));
        }
        String shell = Files.readString(karafEtc().resolve("org.apache.karaf.shell.cfg"));
        // pax-exam rewrites the files it edits, so match keys and values, not layout.
        assertTrue(shell, shell.matches("(?s).*\\bauthMethods\\s*=\\s*publickey\\s.*"));
        assertTrue(shell, shell.matches("(?s).*\\bsshHost\\s*=\\s*127\\.0\\.0\\.1\\s.*"));
        String jmx = Files.readString(karafEtc().resolve("org.apache.karaf.management.cfg"));
        assertTrue(jmx, jmx.matches("(?s).*\\brmiRegistryHost\\s*=\\s*127\\.0\\.0\\.1\\s.*"));
        assertTrue(jmx, jmx.matches("(?s).*\\brmiServerHost\\s*=\\s*127\\.0\\.0\\.1\\s.*"));
    }

    private void awaitSsh() throws Exception {
        Poll.until(TIMEOUT, "SSH login", () -> ssh(System.getProperty("veilor.itest.sshKey"), "itest", List.of(),
                "veilor:status").exit == 0);
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result ssh(String key, String user, List<String> extra, String command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=10", "-p",
                System.getProperty("veilor.itest.sshPort")));
        if (key != null) {
            argv.addAll(List.of("-o", "IdentitiesOnly=yes", "-i", key));
        }
        argv.addAll(extra);
        argv.addAll(List.of(user + "@127.0.0.1", command));
        Path out = Files.createTempFile("ssh", ".out");
        Path err = Files.createTempFile("ssh", ".err");
        Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ssh did not finish");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }
}
