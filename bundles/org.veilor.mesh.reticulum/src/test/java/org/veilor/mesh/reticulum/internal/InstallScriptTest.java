package org.veilor.mesh.reticulum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.LocalHost;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;
import org.veilor.testsupport.FakeExecutables;
import org.veilor.testsupport.Poll;

/**
 * The recipe script behind {@code ujust install-reticulum} and {@code ujust install-reticulum-rnode},
 * run for real by bash against fakes: the agent's launcher (answering as {@code mesh:reticulum}
 * does), systemctl, the user tools, and a Python whose pip installs stand-in distributions with
 * PEP 610 {@code direct_url.json} records. The RetiNet check itself runs in Debian's real Python.
 */
class InstallScriptTest {

    /** The time in an environment's folder name, as the script writes it ({@code date -u +%Y%m%d%H%M%S}). */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final String FORK = "https://git.example.org/retinet/retinet.git";

    @TempDir
    Path dir;
    private FakeExecutables fakes;
    private Path state;
    private Path script;

    @BeforeEach
    void setUp() throws Exception {
        fakes = new FakeExecutables(dir.resolve("bin"));
        state = Files.createDirectories(dir.resolve("state"));
        script = dir.resolve("veilor-reticulum");
        Files.writeString(script, ReticulumContribution.resource("veilor-reticulum.sh"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        fakes.script("veilor", launcher());
        fakes.script("systemctl", "[ \"$1\" = is-active ] || exit 2\n[ -f '" + state + "/rnsd-active' ]");
        fakes.script("id", """
                case "$1" in
                  -u) echo 0 ;;
                  -nG) cat '%1$s/groups' 2>/dev/null || echo "$2" ;;
                  -un) echo root ;;
                  *) [ "$1" = alice ] ;;
                esac""".formatted(state));
        fakes.script("getent", "[ \"$2\" = veilor-rnode ]");
        fakes.fixed("usermod", 0, "");
        fakes.script("python", fakePython());
    }

    /** The agent, as bin/veilor --base B wait|client COMMAND reaches it. */
    private String launcher() {
        return """
                state='%s'
                shift 2
                [ "$1" = wait ] && exit 0
                cmd="$2"
                case "$cmd" in
                  "feature:install veilor-reticulum") exit 0 ;;
                  "mesh:reticulum source")
                    if [ ! -f "$state/registered" ]; then touch "$state/registered"; echo "Command not found: mesh:reticulum" >&2; exit 1; fi
                    if [ -f "$state/source" ]; then cat "$state/source"; exit 0; fi
                    echo "Error executing command: the RetiNet source is unset (PID org.veilor.mesh.reticulum: retinetRepository, retinetVersion)" >&2
                    exit 1 ;;
                  "mesh:reticulum config --write") echo "wrote /var/lib/reticulum/config" ;;
                  "mesh:reticulum check-radio")
                    echo "frequency | 869525000 Hz | 869525000 Hz | ok"
                    if [ -f "$state/mismatch" ]; then echo "spreadingFactor | 8 | 12 | mismatch"; echo "Error executing command: 1 field(s) of the RNode do not match" >&2; exit 1; fi
                    echo "The RNode holds its configuration" ;;
                  *) echo "fake agent: unexpected $cmd" >&2; exit 2 ;;
                esac""".formatted(state);
    }

    /**
     * python3 -m venv DIR makes DIR/bin/python3, whose "-m pip install git+URL@REF" installs a
     * stand-in distribution recording where it came from, as pip does (PEP 610); "python3 - ARGS"
     * runs Debian's real Python on the environment's site folder.
     */
    private String fakePython() {
        String venvPython = """
                #!/bin/bash
                site="$(cd "$(dirname "$0")/.." && pwd)/site"
                state='%s'
                if [ "$1" = - ]; then shift; PYTHONPATH="$site" exec /usr/bin/python3 - "$@"; fi
                spec="${*: -1}"; url="${spec#git+}"; url="${url%%@*}"
                echo "$*" >> "$state/pip.log"
                dist() {  # name version top-level url
                  rm -rf "$site"/"$1"-*.dist-info; mkdir -p "$site/$3" "$site/$1-$2.dist-info"
                  touch "$site/$3/__init__.py"
                  printf 'Metadata-Version: 2.1\\nName: %%s\\nVersion: %%s\\n' "$1" "$2" > "$site/$1-$2.dist-info/METADATA"
                  echo "$3" > "$site/$1-$2.dist-info/top_level.txt"
                  [ -z "$4" ] || printf '{"url": "%%s", "vcs_info": {"vcs": "git"}}' "$4" > "$site/$1-$2.dist-info/direct_url.json"
                }
                case "$url" in
                  */retinet/retinet*) dist retinet_rns 1.0.2 RNS "$url" ;;
                  */retinet/sideband*)
                    dist sbapp 1.4.0 sbapp "$url"
                    # pip resolved Sideband's RNS requirement from the package index instead
                    if [ -f "$state/upstream-via-sideband" ]; then rm -rf "$site"/retinet_rns-*.dist-info; dist rns 1.0.9 RNS ""; fi ;;
                esac
                """.formatted(state);
        return """
                [ "$1 $2" = "-m venv" ] || { echo "fake python: unexpected $*" >&2; exit 2; }
                mkdir -p "$3/bin" "$3/site"
                cat > "$3/bin/python3" <<'PY'
                %sPY
                chmod 755 "$3/bin/python3"
                """.formatted(venvPython);
    }

    private ProcessResult run(String... args) throws Exception {
        LocalHost host = new LocalHost(dir.resolve("host"), List.of(fakes.dir(), Path.of("/usr/bin"), Path.of("/bin")));
        ProcessSpec.Builder b = ProcessSpec.of(Stream.concat(Stream.of(script.toString()), Stream.of(args)).toList())
                .env("VEILOR_LAUNCHER", fakes.dir().resolve("veilor").toString())
                .env("VEILOR_NODE_BASE", "/var/lib/veilor/node")
                .env("VEILOR_RETINET_PREFIX", dir.resolve("retinet").toString())
                .env("VEILOR_PYTHON", fakes.dir().resolve("python").toString())
                .env("VEILOR_ETC_GROUP", dir.resolve("etc-group").toString())
                .env("VEILOR_LIB_GROUP", dir.resolve("lib-group").toString())
                .timeout(Duration.ofSeconds(120));
        return host.run(b.build());
    }

    private void source(boolean sideband) throws Exception {
        Files.writeString(state.resolve("source"), "retinet.repository=" + FORK + "\nretinet.version=v1.0.2\n"
                + "sideband.repository=" + (sideband ? "https://git.example.org/retinet/sideband" : "") + "\n"
                + "sideband.version=" + (sideband ? "1.4.0" : "") + "\n");
    }

    private List<String> agentCommands() throws Exception {
        return fakes.calls("veilor").stream().map(c -> String.join(" ", c.subList(2, c.size()))).toList();
    }

    @Test
    void installRefusesWithoutTheRetinetSourceAndInstallsNothing() throws Exception {
        ProcessResult r = run("install");
        assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("refusing to install: the node profile names no RetiNet source (PID org.veilor.mesh.reticulum:"
                + " retinetRepository, retinetVersion). Reticulum is installed only from the RetiNet fork."), r.stderr());
        assertTrue(r.stderr().contains("the RetiNet source is unset"), "the agent's reason is shown");
        assertEquals(List.of(), fakes.calls("python"));
        assertFalse(Files.exists(dir.resolve("retinet")));
        assertEquals(List.of("wait", "client feature:install veilor-reticulum", "client mesh:reticulum source",
                "client mesh:reticulum source"), agentCommands(), "asked again once the command was registered");
    }

    @Test
    void installTakesRetinetAndSidebandFromTheForkWritesTheConfigAndStartsNothing() throws Exception {
        source(true);
        ProcessResult r = run("install");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        List<String> pip = Files.readAllLines(state.resolve("pip.log"));
        assertEquals(List.of("-m pip install --disable-pip-version-check --no-input git+" + FORK + "@v1.0.2",
                "-m pip install --disable-pip-version-check --no-input git+https://git.example.org/retinet/sideband@1.4.0"), pip);
        assertTrue(r.stdout().contains("RNS is provided by retinet_rns 1.0.2 from " + FORK), r.stdout());
        Path current = dir.resolve("retinet/current");
        assertTrue(Files.isSymbolicLink(current));
        assertTrue(Files.readSymbolicLink(current).toString().startsWith("v1.0.2-"), Files.readSymbolicLink(current).toString());
        assertTrue(Files.isExecutable(current.resolve("bin/python3")));
        assertTrue(r.stdout().contains("Nothing was started. rnsd runs only on request:"), r.stdout());
        assertEquals(List.of("wait", "client feature:install veilor-reticulum", "client mesh:reticulum source",
                "client mesh:reticulum source", "client mesh:reticulum config --write"), agentCommands());
        assertEquals(List.of(List.of("is-active", "--quiet", "rnsd.service")), fakes.calls("systemctl"), "nothing started");

        // Installing again switches 'current' and removes the environment it no longer points at.
        Path first = current.toRealPath();
        // The folder name carries the UTC time to the second: wait until the clock has moved past it.
        String stamp = first.getFileName().toString().substring(first.getFileName().toString().lastIndexOf('-') + 1);
        Poll.until(Duration.ofSeconds(10), "the next second", () -> !STAMP.format(Instant.now()).equals(stamp));
        assertEquals(0, run("install").exitCode());
        assertFalse(Files.exists(first));
        try (Stream<Path> s = Files.list(dir.resolve("retinet"))) {
            assertEquals(2, s.count(), "the new environment and 'current'");
        }
    }

    @Test
    void anUpstreamRnsThatCreptInThroughDependenciesIsRefusedAndNothingChanges() throws Exception {
        source(true);
        Files.createFile(state.resolve("upstream-via-sideband"));
        ProcessResult r = run("install");
        assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("not from the RetiNet repository: rns 1.0.9 came from a package index"), r.stdout());
        assertTrue(r.stderr().contains("the environment holds Reticulum from somewhere else than " + FORK
                + "; it was removed and nothing changed"), r.stderr());
        try (Stream<Path> s = Files.list(dir.resolve("retinet"))) {
            assertEquals(List.of(), s.toList());
        }
        assertFalse(agentCommands().contains("client mesh:reticulum config --write"));
    }

    @Test
    void installRefusesWhileRnsdRuns() throws Exception {
        source(false);
        Files.createFile(state.resolve("rnsd-active"));
        ProcessResult r = run("install");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("rnsd is running: stop it first (mesh:reticulum stop)"), r.stderr());
        assertEquals(List.of(), fakes.calls("python"));
    }

    @Test
    void rnodeAddsTheUserToTheGroupOfTheUdevRuleAndChecksTheRadioFieldByField() throws Exception {
        Files.writeString(dir.resolve("etc-group"), "wheel:x:10:alice\n");
        Files.writeString(dir.resolve("lib-group"), "veilor-rnode:x:975:\n");
        Files.writeString(state.resolve("groups"), "alice wheel\n");
        Files.createFile(state.resolve("registered"));
        ProcessResult r = run("rnode", "alice");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertEquals("wheel:x:10:alice\nveilor-rnode:x:975:\n", Files.readString(dir.resolve("etc-group")),
                "the group is copied from /usr/lib/group, where usermod cannot change it");
        assertEquals(List.of(List.of("-aG", "veilor-rnode", "alice")), fakes.calls("usermod"));
        assertTrue(r.stdout().contains("Added alice to the veilor-rnode group: log out and in again"), r.stdout());
        assertTrue(r.stdout().contains("frequency | 869525000 Hz | 869525000 Hz | ok"), r.stdout());

        Files.writeString(state.resolve("groups"), "alice wheel veilor-rnode\n");
        Files.createFile(state.resolve("mismatch"));
        ProcessResult bad = run("rnode", "alice");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.stdout().contains("alice is in the veilor-rnode group already."), bad.stdout());
        assertTrue(bad.stdout().contains("spreadingFactor | 8 | 12 | mismatch"), "each field is shown: " + bad.stdout());
        assertTrue(bad.stderr().contains("the RNode does not hold its configuration, or cannot be asked (see above); fix it before"
                + " rnsd is first started"), bad.stderr());
        assertEquals(1, fakes.calls("usermod").size());
    }

    @Test
    void rnodeNeedsAnExistingUser() throws Exception {
        ProcessResult r = run("rnode", "mallory");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("there is no user mallory"), r.stderr());
    }
}
