package org.veilor.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.FileAttrs;
import org.veilor.core.Finding;
import org.veilor.core.contrib.BuildScript;
import org.veilor.core.contrib.FirewallEntry;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.Justfile;
import org.veilor.core.contrib.OsFile;
import org.veilor.core.contrib.PackageSet;
import org.veilor.core.contrib.PackageSource;
import org.veilor.core.contrib.UnitState;
import org.veilor.image.internal.lint.ImageLinter;

/** Contributions in the rendered tree, and the render's refusals. */
class RenderContributionsTest {

    @TempDir
    Path dir;

    static Contributed mesh() {
        return ContributionMergerTest.c("org.veilor.mesh", ImageContribution.builder()
                .packages(PackageSet.install(PackageSource.copr("neilalexander/yggdrasil-go"), "yggdrasil"))
                .packages(PackageSet.install(PackageSource.repoUrl("https://pkgs.tailscale.com/stable/fedora/tailscale.repo",
                        "https://pkgs.tailscale.com/stable/fedora/repo.gpg"), "tailscale"))
                .unit(UnitState.disabled("tailscaled.service"))
                .unit(UnitState.enabled("yggdrasil.service"))
                .file(OsFile.text("/usr/lib/systemd/system/yggdrasil.service.d/veilor.conf", "[Service]\nRestart=always\n", FileAttrs.PUBLIC))
                .file(OsFile.text("/etc/veilor/mesh.secret-free.conf", "x=1\n", FileAttrs.mode(0600).ownedBy("root", "wheel")))
                .justfile(new Justfile("veilor-mesh.just", "# Show the mesh\nmesh-status:\n    echo mesh\n"))
                .firewall(FirewallEntry.port("public", "9001/udp"))
                .firewall(FirewallEntry.source("veilor-ygg", "200::/7"))
                .kernelArg("ipv6.disable=0")
                .script(new BuildScript("veilor-mesh-setup.sh", "#!/usr/bin/bash\nset -euo pipefail\necho mesh\n")));
    }

    @Test
    void contributionsAppearInRecipeAndFiles() throws IOException {
        Path out = dir.resolve("tree");
        List<Finding> f = TestTrees.render(out, TestTrees.settings(dir, Map.of()), List.of(mesh()), false);
        TestTrees.assertNoErrors(f);
        JsonNode r = new YAMLMapper().readTree(out.resolve("recipes/recipe.yml").toFile());
        String recipe = r.toString();
        assertTrue(recipe.contains("{\"repo\":\"copr:copr.fedorainfracloud.org:neilalexander:yggdrasil-go\",\"packages\":[\"yggdrasil\"]}"), recipe);
        assertTrue(recipe.contains("\"copr\":[\"neilalexander/yggdrasil-go\"]"), recipe);
        assertTrue(recipe.contains("https://pkgs.tailscale.com/stable/fedora/tailscale.repo"), recipe);
        assertTrue(recipe.contains("\"keys\":[\"https://pkgs.tailscale.com/stable/fedora/repo.gpg\"]"), recipe);
        assertTrue(recipe.contains("\"disabled\":[\"tailscaled.service\"]"), recipe);
        assertTrue(recipe.contains("{\"type\":\"kargs\",\"kargs\":[\"ipv6.disable=0\"]}"), recipe);
        assertTrue(recipe.contains("\"include\":[\"veilor-browsers.just\",\"veilor-mesh.just\"]"), recipe);
        assertTrue(recipe.contains("\"scripts\":[\"veilor-node-runtime.sh\",\"veilor-restore-sudo.sh\",\"veilor-restore-xwayland.sh\","
                + "\"veilor-mesh-setup.sh\",\"veilor-firewall-stock-zones.sh\",\"veilor-file-modes.sh\"]"), recipe);
        assertTrue(Files.isRegularFile(out.resolve("files/systemd/system/yggdrasil.service.d/veilor.conf")));
        assertTrue(TestTrees.read(out.resolve("files/scripts/veilor-firewall-stock-zones.sh"))
                .contains("firewall-offline-cmd --zone=public --add-port=9001/udp"));
        assertTrue(TestTrees.read(out.resolve("files/scripts/veilor-file-modes.sh")).contains("chmod 0600 /etc/veilor/mesh.secret-free.conf"));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("files/system/etc/veilor/mesh.secret-free.conf"))));
        assertTrue(TestTrees.read(out.resolve("files/system" + FileModes.TMPFILES))
                .contains("z /etc/veilor/mesh.secret-free.conf 0600 root wheel -"));
        assertTrue(TestTrees.read(out.resolve("files/system/usr/lib/firewalld/zones/veilor-ygg.xml")).contains("<source address=\"200::/7\"/>"));
        assertFalse(Files.exists(out.resolve("files/system/usr/lib/firewalld/zones/public.xml")),
                "a stock zone is merged at build time, never replaced by a file");
        assertEquals(List.of(), new ImageLinter().schema().validateRecipe(r, "recipe"));
    }

    @Test
    void conflictStopsTheRenderAndNamesBothBundles() throws IOException {
        Path out = dir.resolve("tree");
        List<Finding> f = TestTrees.render(out, TestTrees.settings(dir, Map.of()), List.of(ContributionMergerTest.c("org.veilor.rogue",
                ImageContribution.builder().file(OsFile.text(NodeRuntime.UNIT_PATH, "[Service]\nExecStart=/bin/false\n", FileAttrs.PUBLIC)))),
                false);
        Finding e = TestTrees.errors(f).get(0);
        assertTrue(e.message().contains("org.veilor.image") && e.message().contains("org.veilor.rogue"), e.message());
        assertFalse(Files.exists(out.resolve("recipes/recipe.yml")), "nothing is written when contributions conflict");
    }

    @Test
    void overlayIsCopiedVerbatimAndConflictsLikeAContribution() throws IOException {
        Path overlay = dir.resolve("overlay");
        TestTrees.write(overlay.resolve("usr/share/plymouth/themes/veilor/veilor.plymouth"), "[Plymouth Theme]\nName=veilor\n");
        TestTrees.write(overlay.resolve("usr/share/color-schemes/Veilor.colors"), "[General]\nName=Veilor\n");
        Path out = dir.resolve("tree");
        TestTrees.assertNoErrors(TestTrees.render(out, TestTrees.settings(dir, Map.of("overlay", overlay.toString())), List.of(), false));
        assertEquals("[General]\nName=Veilor\n", TestTrees.read(out.resolve("files/overlay/usr/share/color-schemes/Veilor.colors")));
        assertTrue(TestTrees.read(out.resolve("recipes/recipe.yml")).contains("source: overlay"));

        TestTrees.write(overlay.resolve("etc/xdg/mimeapps.list"), "[Default Applications]\ntext/html=firefox.desktop\n");
        List<Finding> f = TestTrees.render(out, TestTrees.settings(dir, Map.of("overlay", overlay.toString())), List.of(), false);
        assertTrue(TestTrees.errors(f).get(0).message().contains("operator overlay"), f.toString());
    }

    @Test
    void missingOverlayIsAnInfo() throws IOException {
        List<Finding> f = TestTrees.render(dir.resolve("tree"), TestTrees.settings(dir, Map.of()), List.of(), false);
        assertTrue(f.stream().anyMatch(x -> x.code().equals("image.overlay") && x.severity() == org.veilor.core.Severity.INFO));
    }

    @Test
    void refusesAForeignFolderAndKeepsGit() throws IOException {
        Path out = dir.resolve("tree");
        TestTrees.write(out.resolve("precious.txt"), "keep me\n");
        assertThrows(IOException.class, () -> TestTrees.render(out, TestTrees.settings(dir, Map.of()), List.of(), false));
        assertEquals("keep me\n", TestTrees.read(out.resolve("precious.txt")));

        Path repo = dir.resolve("repo");
        TestTrees.render(repo, TestTrees.settings(dir, Map.of()), List.of(), false);
        TestTrees.write(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        TestTrees.write(repo.resolve("files/system/etc/stale.conf"), "old\n");
        TestTrees.render(repo, TestTrees.settings(dir, Map.of()), List.of(), false);
        assertTrue(Files.exists(repo.resolve(".git/HEAD")));
        assertFalse(Files.exists(repo.resolve("files/system/etc/stale.conf")), "a render replaces the earlier one");
    }

    @Test
    void refusesToPackADistributionThatIsAlsoAnInstanceBase() throws IOException {
        ImageSettings s = TestTrees.settings(dir, Map.of());
        TestTrees.write(s.distribution().resolve("etc/host.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        List<Finding> f = TestTrees.render(dir.resolve("tree"), s, List.of(), false);
        Finding e = TestTrees.errors(f).get(0);
        assertEquals("image.distribution", e.code());
        assertTrue(e.message().contains("etc/host.key"), e.message());
    }

    @Test
    void aConfiguredTarballIsCheckedAndCopied() throws IOException {
        ImageSettings packed = TestTrees.settings(dir, Map.of());
        Path first = dir.resolve("first");
        TestTrees.render(first, packed, List.of(), false);
        Path tarball = dir.resolve("veilor-0.1.0.tar.gz");
        Files.copy(first.resolve("files/" + NodeRuntime.TARBALL), tarball);
        Path out = dir.resolve("second");
        TestTrees.assertNoErrors(TestTrees.render(out, TestTrees.settings(dir, Map.of("distribution", tarball.toString())), List.of(), false));
        assertEquals(Files.size(tarball), Files.size(out.resolve("files/" + NodeRuntime.TARBALL)));

        // The assembly ships data/tmp/README; any other file under data/ is a run's state.
        Path withState = dir.resolve("state.tar.gz");
        try (var o = Files.newOutputStream(withState); var w = new TarArchive.Writer(o)) {
            for (String d : List.of("v/", "v/bin/", "v/etc/", "v/system/", "v/data/", "v/data/tmp/", "v/data/log/")) {
                w.folder(d, 0755);
            }
            for (String f : List.of("v/bin/veilor", "v/bin/karaf", "v/etc/config.properties", "v/data/tmp/README")) {
                w.file(f, 0644, 1, new java.io.ByteArrayInputStream(new byte[] { 'x' }));
            }
            w.finish();
        }
        TestTrees.assertNoErrors(DistributionSource.check(withState));
        try (var o = Files.newOutputStream(withState, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING); var w = new TarArchive.Writer(o)) {
            for (String f : List.of("v/bin/veilor", "v/bin/karaf", "v/etc/config.properties", "v/system/x", "v/data/log/karaf.log")) {
                w.file(f, 0644, 1, new java.io.ByteArrayInputStream(new byte[] { 'x' }));
            }
            w.finish();
        }
        assertTrue(TestTrees.errors(DistributionSource.check(withState)).get(0).message().contains("instance state (data/log/karaf.log)"));

        Path notDist = dir.resolve("other.tar.gz");
        try (var o = Files.newOutputStream(notDist); var w = new TarArchive.Writer(o)) {
            w.folder("x/", 0755);
            w.finish();
        }
        List<Finding> f = TestTrees.render(dir.resolve("third"), TestTrees.settings(dir, Map.of("distribution", notDist.toString())), List.of(), false);
        assertTrue(TestTrees.errors(f).get(0).message().contains("is not a veilor distribution: it has no bin/veilor"), f.toString());
    }
}
