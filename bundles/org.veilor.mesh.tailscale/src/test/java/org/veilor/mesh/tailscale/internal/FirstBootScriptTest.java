package org.veilor.mesh.tailscale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.qr.QrCodes;
import org.veilor.testsupport.FakeExecutables;

/**
 * The first-boot script as shipped in the image: shellcheck-clean, and run for real against a
 * fake {@code veilor} launcher (and a fake {@code fswebcam}), since no agent or camera runs in a
 * unit test. The fake launcher records its argv and, for {@code mesh:join}, what the file it was
 * pointed at held and its mode — the way the real agent would read it.
 */
class FirstBootScriptTest {

    @TempDir
    Path tmp;
    private FakeExecutables fakes;
    private Path script;
    private Path base;
    private Path state;
    private Path work;

    @BeforeEach
    void setUp() throws IOException {
        script = tmp.resolve("veilor-join");
        Files.writeString(script, TailscaleContribution.resource("veilor-join.sh"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        base = Files.createDirectories(tmp.resolve("base/etc"));
        Files.writeString(base.resolve("veilor-local_rsa"), "local client key stands here");
        state = tmp.resolve("state");
        work = tmp.resolve("work");
        fakes = new FakeExecutables(tmp.resolve("bin"));
        launcher(0);
        fakes.script("fswebcam", "cp '" + tmp.resolve("camera-view.png") + "' \"${!#}\"");
        Files.createFile(tmp.resolve("video0"));
    }

    /** The fake launcher: `wait` answers at once; `client 'mesh:join --key-file F|--qr F'` copies F. */
    private void launcher(int joinExit) throws IOException {
        fakes.script("veilor", "seen='" + tmp + "'\n"
                + "if [ \"$3\" = client ]; then\n"
                + "  set -- $4\n"
                + "  f=\"$3\"\n"
                + "  stat -c '%a' \"$f\" > \"$seen/seen.mode\"\n"
                + "  cp \"$f\" \"$seen/seen.content\"\n"
                + "  [ " + joinExit + " -eq 0 ] || echo 'Error executing command: tailscale up failed: tailscale exited with 1: 401 Unauthorized' >&2\n"
                + "  exit " + joinExit + "\n"
                + "fi\n"
                + "exit 0");
    }

    private Result run(String stdin, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", fakes.dir() + ":/usr/bin:/bin");
        env.put("VEILOR_LAUNCHER", fakes.dir().resolve("veilor").toString());
        env.put("VEILOR_NODE_BASE", tmp.resolve("base").toString());
        env.put("VEILOR_JOIN_STATE", state.toString());
        env.put("VEILOR_JOIN_WORK", work.toString());
        env.put("VEILOR_JOIN_CAMERA", tmp.resolve("video0").toString());
        env.put("VEILOR_JOIN_TIMEOUT", "20");
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script finished");
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exit, String out) {
    }

    private String marker() throws IOException {
        Path m = state.resolve("done");
        return Files.exists(m) ? Files.readString(m).strip() : null;
    }

    @Test
    void shellcheckFindsNothing() throws Exception {
        Process p = new ProcessBuilder("shellcheck", "--shell=bash", script.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "shellcheck (installed by scripts/test-setup.sh): " + out);
    }

    @Test
    void pastedKeyGoesToTheAgentAsAPrivateFileNeverOnACommandLine() throws Exception {
        String key = TestKeys.modern();
        Result r = run("p\n  " + key + "\n");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("Join the Veilor mesh? [paste / QR]"), r.out());
        assertTrue(r.out().contains("This machine has joined the Veilor mesh."), r.out());
        List<List<String>> calls = fakes.calls("veilor");
        assertEquals(List.of("--base", tmp.resolve("base").toString(), "wait"), calls.get(0));
        List<String> join = calls.get(1);
        assertEquals(List.of("--base", tmp.resolve("base").toString(), "client"), join.subList(0, 3));
        assertTrue(join.get(3).matches("mesh:join --key-file " + work + "/paste\\.\\w{8}"), join.get(3));
        assertEquals("600", Files.readString(tmp.resolve("seen.mode")).strip());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(work)), "keys sit in a root-only folder");
        assertEquals(key, Files.readString(tmp.resolve("seen.content")), "exactly the key, white space dropped");
        assertFalse(Files.exists(Path.of(join.get(3).substring("mesh:join --key-file ".length()))), "deleted after");
        assertTrue(marker().endsWith(" joined"), marker());
        for (List<String> call : fakes.calls()) {
            assertFalse(String.join(" ", call).contains(key.substring(30)), "key in argv: " + call);
        }
        assertFalse(r.out().contains(key.substring(30)), "the key is not echoed");
    }

    @Test
    void scannedQrCodeGoesToTheAgentAsAPicture() throws Exception {
        String key = TestKeys.legacy();
        Files.write(tmp.resolve("camera-view.png"), QrCodes.encodePng(key, 300));
        Result r = run("q\n\n");
        assertEquals(0, r.exit(), r.out());
        List<String> grab = fakes.calls("fswebcam").get(0);
        assertTrue(grab.containsAll(List.of("--no-banner", "-d", tmp.resolve("video0").toString())), grab.toString());
        String join = fakes.calls("veilor").get(1).get(3);
        assertTrue(join.matches("mesh:join --qr " + work + "/qr\\.\\w{8}\\.png"), join);
        assertEquals(key, QrCodes.decode(Files.readAllBytes(tmp.resolve("seen.content"))));
        assertEquals("600", Files.readString(tmp.resolve("seen.mode")).strip());
        assertFalse(Files.exists(Path.of(join.substring("mesh:join --qr ".length()))), "the picture holds the key: deleted");
        assertTrue(marker().endsWith(" joined"));
    }

    @Test
    void aBadPasteIsCaughtLocallyAndSkippingIsRemembered() throws Exception {
        Result r = run("p\nnot-a-key\ns\n");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("That is not a pre-auth key"), r.out());
        assertTrue(r.out().contains("Skipped. Join any time with: ujust veilor-join"), r.out());
        assertEquals(1, fakes.calls("veilor").size(), "only the wait: nothing was sent to the agent");
        assertTrue(marker().endsWith(" skipped"));

        Result again = run("", "--firstboot");
        assertEquals(0, again.exit());
        assertEquals("", again.out(), "answered once: the first boot asks no more");
        assertEquals(1, fakes.calls("veilor").size());
    }

    @Test
    void aFailedJoinShowsTheAgentsReasonAndAsksAgain() throws Exception {
        launcher(1);
        Result r = run("p\n" + TestKeys.modern() + "\ns\n");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("tailscale up failed: tailscale exited with 1: 401 Unauthorized"), r.out());
        assertTrue(r.out().indexOf("Join the Veilor mesh?") != r.out().lastIndexOf("Join the Veilor mesh?"), "asked again");
        assertTrue(marker().endsWith(" skipped"));
        assertTrue(Files.list(work).findAny().isEmpty(), "no key file left in " + work);
    }

    @Test
    void noAnswerLeavesTheQuestionForTheNextBoot() throws Exception {
        Result r = run("", "--firstboot");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("the question comes back at the next boot"), r.out());
        assertEquals(null, marker());
    }

    @Test
    void withoutTheLocalClientKeyItSaysToRunAsRoot() throws Exception {
        Files.delete(base.resolve("veilor-local_rsa"));
        Result r = run("p\n");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("cannot read the agent's local client key"), r.out());
        assertTrue(fakes.calls().isEmpty());
    }
}
