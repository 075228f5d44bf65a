package org.veilor.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.LocalHost;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;
import org.veilor.core.contrib.FirewallEntry;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsFile;
import org.veilor.image.internal.lint.ImageLinter;
import org.veilor.image.internal.lint.LintExpectations;
import org.veilor.testsupport.FakeExecutables;

/**
 * Generated shell and justfiles checked by the real tools: every build script (and the shebang body
 * of every ujust recipe) passes Debian's shellcheck; every justfile parses with a real just (npm
 * rust-just) and is formatted as {@code just --fmt} writes it, as the justfiles module's
 * {@code validate: true} demands; install-thorium warns, asks, and only then installs.
 * scripts/test-setup.sh installs both tools.
 */
class GeneratedShellTest {

    @TempDir
    static Path dir;
    static Path tree;
    static LocalHost host;

    @BeforeAll
    static void render() throws IOException {
        tree = dir.resolve("tree");
        // A stock-zone entry and a restricted file, so the generated firewall and mode scripts exist too.
        Contributed extra = ContributionMergerTest.c("org.veilor.test", ImageContribution.builder()
                .firewall(FirewallEntry.port("public", "9001/udp"))
                .file(OsFile.text("/etc/veilor/it's private.conf", "x\n", org.veilor.core.FileAttrs.mode(0600).ownedBy("root", null))));
        TestTrees.assertNoErrors(TestTrees.render(tree, TestTrees.settings(dir, Map.of()), List.of(extra), false));
        host = new LocalHost(dir.resolve("host"), List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin")));
    }

    @Test
    void everyBuildScriptPassesShellcheck() throws IOException {
        List<Path> scripts;
        try (Stream<Path> s = Files.list(tree.resolve("files/scripts"))) {
            scripts = s.sorted().toList();
        }
        assertEquals(List.of("veilor-file-modes.sh", "veilor-firewall-stock-zones.sh", "veilor-node-runtime.sh",
                "veilor-restore-sudo.sh", "veilor-restore-xwayland.sh"), scripts.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : scripts) {
            assertTrue(Files.readString(p).contains("set -euo pipefail"), p + " must fail the build on error");
            shellcheck(p);
        }
    }

    @Test
    void ujustRecipeBodiesPassShellcheck() throws IOException {
        String just = TestTrees.read(tree.resolve("files/justfiles/veilor-browsers.just"));
        int start = just.indexOf("    #!/usr/bin/bash");
        StringBuilder body = new StringBuilder();
        for (String line : just.substring(start).split("\n")) {
            if (!line.startsWith("    ") && !line.isEmpty()) {
                break;
            }
            body.append(line.length() >= 4 ? line.substring(4) : line).append('\n');
        }
        Path f = dir.resolve("install-thorium.sh");
        Files.writeString(f, body.toString());
        shellcheck(f);
    }

    @Test
    void justfilesParseAndAreFormattedAsJustWritesThem() throws IOException {
        Path f = tree.resolve("files/justfiles/veilor-browsers.just");
        ProcessResult summary = just(List.of("--justfile", f.toString(), "--summary"), null, Map.of(), null);
        assertTrue(summary.ok(), summary.stderr());
        assertEquals("install-thorium", summary.stdout().strip());
        ProcessResult fmt = just(List.of("--justfile", f.toString(), "--fmt", "--check"), null, Map.of(), null);
        assertTrue(fmt.ok(), "just --fmt --check: " + fmt.stdout() + fmt.stderr());
        // lint runs the same checks through Host when just is installed
        List<org.veilor.core.Finding> findings = new ImageLinter().lint(tree, new LintExpectations(true, true, false), host);
        assertTrue(findings.stream().noneMatch(x -> x.code().equals("image.justfile")), findings.toString());
    }

    @Test
    void lintReportsAJustfileJustCannotParseOrThatIsNotFormatted() throws IOException {
        Path copy = dir.resolve("copy");
        copyTree(tree, copy);
        Files.writeString(copy.resolve("files/justfiles/bad.just"), "# Broken\nbroken:\n    echo {{ nope\n");
        Files.writeString(copy.resolve("files/justfiles/ugly.just"), "# Ugly\nugly:\n        echo   ugly\n\n\n\nmore:\n  echo more\n");
        List<org.veilor.core.Finding> f = new ImageLinter().lint(copy, new LintExpectations(true, true, false), host);
        assertTrue(f.stream().anyMatch(x -> x.code().equals("image.justfile") && x.location().endsWith("bad.just")
                && x.message().startsWith("just cannot parse it")), f.toString());
        assertTrue(f.stream().anyMatch(x -> x.code().equals("image.justfile") && x.location().endsWith("ugly.just")
                && x.message().contains("just --fmt")), f.toString());
    }

    @Test
    void recipeNamesMatchWhatJustSees() throws IOException {
        String text = "set shell := [\"bash\", \"-c\"]\nalias t := test\nversion := \"1\"\n\n# Test\n@test arg=\"x\":\n    echo {{ arg }}\n\n"
                + "# Build it\nbuild target *flags: test\n    echo {{ target }} {{ flags }}\n";
        Path f = dir.resolve("names.just");
        Files.writeString(f, text);
        ProcessResult r = just(List.of("--justfile", f.toString(), "--summary"), null, Map.of(), null);
        assertTrue(r.ok(), r.stderr());
        assertEquals(List.of(r.stdout().strip().split("\\s+")).stream().sorted().toList(),
                org.veilor.image.internal.lint.LintTestAccess.recipes(text).stream().sorted().toList());
    }

    @Test
    void installThoriumWarnsAndDoesNothingWithoutYes() throws IOException {
        FakeExecutables fakes = new FakeExecutables(dir.resolve("fakes-no"));
        fakes.fixed("run0", 0, "");
        fakes.fixed("curl", 0, "");
        ProcessResult r = just(List.of("--justfile", tree.resolve("files/justfiles/veilor-browsers.just").toString(), "install-thorium"),
                "no\n", Map.of(), fakes.dir());
        assertTrue(r.ok(), r.stderr());
        String all = r.stdout() + r.stderr();
        assertTrue(all.contains("Thorium lags months behind Chromium's security fixes"), all);
        assertTrue(all.contains("CVE"), all);
        assertTrue(all.contains("Thorium was not installed."), all);
        assertEquals(List.of(), fakes.calls("run0"));
        assertEquals(List.of(), fakes.calls("curl"));
    }

    @Test
    void installThoriumAfterYesLayersTheReleaseRpm() throws IOException {
        FakeExecutables fakes = new FakeExecutables(dir.resolve("fakes-yes"));
        fakes.fixed("run0", 0, "");
        // curl stands in for GitHub: the release JSON for the API address, bytes for the rpm.
        fakes.script("curl", """
                out=""; url=""
                while [ $# -gt 0 ]; do case "$1" in -o) out="$2"; shift 2 ;; -*) shift ;; *) url="$1"; shift ;; esac; done
                case "$url" in
                  https://api.github.com/*) printf '%s' '{"assets":[{"name":"thorium-browser_130.0_SSE3.rpm","browser_download_url":"https://github.com/Alex313031/thorium/releases/download/M130/thorium-browser_130.0_SSE3.rpm"},{"name":"thorium-browser_130.0_AVX2.rpm","browser_download_url":"https://github.com/Alex313031/thorium/releases/download/M130/thorium-browser_130.0_AVX2.rpm"},{"name":"thorium-browser_130.0_AVX.rpm","browser_download_url":"https://github.com/Alex313031/thorium/releases/download/M130/thorium-browser_130.0_AVX.rpm"},{"name":"thorium-browser_130.0_SSE4.rpm","browser_download_url":"https://github.com/Alex313031/thorium/releases/download/M130/thorium-browser_130.0_SSE4.rpm"}]}' > "$out" ;;
                  *) printf 'rpm' > "$out" ;;
                esac
                """);
        ProcessResult r = just(List.of("--justfile", tree.resolve("files/justfiles/veilor-browsers.just").toString(), "install-thorium"),
                "yes\n", Map.of(), fakes.dir());
        assertTrue(r.ok(), r.stdout() + r.stderr());
        List<List<String>> run0 = fakes.calls("run0");
        assertEquals(1, run0.size(), run0.toString());
        assertEquals(List.of("rpm-ostree", "install"), run0.get(0).subList(0, 2));
        assertTrue(run0.get(0).get(2).endsWith("/thorium.rpm"));
        String rpmUrl = fakes.calls("curl").get(1).get(fakes.calls("curl").get(1).size() - 1);
        String flags = Files.readString(Path.of("/proc/cpuinfo"));
        String expected = flags.contains(" avx2") ? "AVX2" : flags.contains(" avx ") ? "AVX" : flags.contains(" sse4_1") ? "SSE4" : "SSE3";
        assertTrue(rpmUrl.endsWith("_" + expected + ".rpm"), rpmUrl);
        assertTrue(r.stdout().contains("Trivalent stays the default browser"), r.stdout());
    }

    static void shellcheck(Path script) throws IOException {
        ProcessResult r = host.run(ProcessSpec.of("shellcheck", "--shell=bash", "--severity=style", script.toString())
                .timeout(Duration.ofSeconds(60)).build());
        assertTrue(r.ok(), "shellcheck " + script.getFileName() + ":\n" + r.stdout() + r.stderr());
    }

    static ProcessResult just(List<String> args, String stdin, Map<String, String> env, Path fakes) throws IOException {
        List<Path> path = new ArrayList<>();
        if (fakes != null) {
            path.add(fakes);
        }
        path.addAll(List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin")));
        LocalHost h = new LocalHost(dir.resolve("host"), path);
        List<String> argv = new ArrayList<>(List.of("just"));
        argv.addAll(args);
        ProcessSpec.Builder b = ProcessSpec.of(argv).timeout(Duration.ofSeconds(60));
        if (stdin != null) {
            b.stdin(stdin.getBytes(StandardCharsets.UTF_8));
        }
        env.forEach(b::env);
        return h.run(b.build());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        assertFalse(Files.exists(to.resolve("files/justfiles/bad.just")));
    }
}
