package org.veilor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.testsupport.FakeExecutables;
import org.veilor.testsupport.Poll;

class LocalHostProcessTest {

    @TempDir
    Path tmp;

    FakeExecutables fakes;
    LocalHost host;

    @BeforeEach
    void setUp() throws IOException {
        fakes = new FakeExecutables(tmp.resolve("bin"));
        host = new LocalHost(tmp.resolve("root"), List.of(fakes.dir(), Path.of("/usr/bin"), Path.of("/bin")));
    }

    @Test
    void argvIsPassedVerbatimNeverThroughAShell() throws IOException {
        ProcessResult r = host.run(ProcessSpec.of("printf", "%s\\n", "a b", "; rm -rf /", "$(id)", "'q'").build());
        assertTrue(r.ok());
        assertEquals("a b\n; rm -rf /\n$(id)\n'q'\n", r.stdout());
    }

    @Test
    void theSearchPathPutsFakesFirstAndIsThePath() throws IOException {
        fakes.fixed("systemctl", 0, "fake systemctl\n");
        ProcessResult r = host.run(ProcessSpec.of("systemctl", "enable", "--now", "tailscaled").build());
        assertEquals("fake systemctl\n", r.stdout());
        assertEquals(List.of(List.of("enable", "--now", "tailscaled")), fakes.calls("systemctl"));
        ProcessResult path = host.run(ProcessSpec.of("sh", "-c", "echo \"$PATH\"").build());
        assertEquals(fakes.dir() + ":/usr/bin:/bin", path.stdout().strip());
    }

    @Test
    void aMissingExecutableNamesTheSearchPath() {
        IOException e = assertThrows(IOException.class, () -> host.run(ProcessSpec.of("no-such-tool-veilor").build()));
        assertTrue(e.getMessage().contains("no-such-tool-veilor not found on the search path " + fakes.dir()), e.getMessage());
    }

    @Test
    void environmentWorkingDirAndStdin() throws IOException {
        Path wd = Files.createDirectories(tmp.resolve("wd"));
        ProcessResult r = host.run(ProcessSpec.of("sh", "-c", "echo \"$GREETING\"; pwd; cat")
                .env("GREETING", "hej").workingDir(wd.toString()).stdin("from stdin".getBytes(StandardCharsets.UTF_8))
                .build());
        assertEquals("hej\n" + wd.toRealPath() + "\nfrom stdin", r.stdout());
    }

    @Test
    void exitCodeAndStderrAreReportedWithoutArguments() throws IOException {
        ProcessResult r = host.run(ProcessSpec.of("sh", "-c", "echo oops >&2; exit 3", "secret-arg").build());
        assertFalse(r.ok());
        assertEquals(3, r.exitCode());
        assertEquals("oops\n", r.stderr());
        IOException e = assertThrows(IOException.class, r::orThrow);
        assertEquals("sh exited with 3: oops", e.getMessage());
        assertFalse(e.getMessage().contains("secret-arg"));
    }

    @Test
    void aTimeoutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        ProcessResult r = host.run(ProcessSpec.of("sh", "-c", "sleep 300 & echo $! > " + pidFile + "; wait")
                .timeout(Duration.ofSeconds(2)).build());
        assertTrue(r.timedOut());
        assertEquals(-1, r.exitCode());
        assertEquals("sh timed out and was killed", r.describeFailure());
        long child = Long.parseLong(Files.readString(pidFile).strip());
        Poll.assertEventually(Duration.ofSeconds(10),
                () -> assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "grandchild killed"));
    }

    @Test
    void outputIsCappedAndFlagged() throws IOException {
        ProcessResult r = host.run(ProcessSpec.of("sh", "-c", "head -c 100000 /dev/zero | tr '\\0' x").outputCap(1000).build());
        assertTrue(r.ok());
        assertEquals(1000, r.stdout().length());
        assertTrue(r.truncated());
    }

    @Test
    void linesAreStreamedInOrderAsTheyCome() throws IOException {
        List<String> lines = new CopyOnWriteArrayList<>();
        ProcessResult r = host.run(ProcessSpec.of("sh", "-c", "for i in 1 2 3; do echo step $i; done; printf 'a\\rb'; echo err >&2")
                .onLine(l -> lines.add((l.stderr() ? "E:" : "O:") + l.text())).build());
        assertTrue(r.ok());
        List<String> out = lines.stream().filter(l -> l.startsWith("O:")).toList();
        assertEquals(List.of("O:step 1", "O:step 2", "O:step 3", "O:a", "O:b"), out);
        assertTrue(lines.contains("E:err"));
    }

    @Test
    void aListenerGetsOneLineAtATimeFromBothStreams() throws IOException {
        // A plain ArrayList, as callers write them: two pumps adding at once lost lines.
        List<String> lines = new ArrayList<>();
        ProcessResult r = host.run(ProcessSpec.of("sh", "-c",
                "(seq 1 20000 >&2) & seq 1 20000; wait").onLine(l -> lines.add(l.text())).build());
        assertTrue(r.ok());
        assertEquals(40000, lines.size());
    }

    @Test
    void aProcessThatIgnoresLargeStdinStillTimesOut() throws IOException {
        byte[] big = new byte[4 << 20];
        ProcessResult r = host.run(ProcessSpec.of("sleep", "30").stdin(big).timeout(Duration.ofSeconds(1)).build());
        assertTrue(r.timedOut());
    }

    @Test
    void whichFindsExecutablesOnly() throws IOException {
        fakes.fixed("tailscale", 0, "");
        assertEquals(fakes.dir().resolve("tailscale"), host.which("tailscale").orElseThrow());
        Files.writeString(fakes.dir().resolve("notexec"), "x");
        assertTrue(host.which("notexec").isEmpty());
    }

    @Test
    void argvMustNotBeEmpty() {
        assertThrows(IllegalArgumentException.class, () -> ProcessSpec.of(List.of()).build());
    }
}
