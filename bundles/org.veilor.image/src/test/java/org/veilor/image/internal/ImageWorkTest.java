package org.veilor.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Finding;
import org.veilor.core.LocalHost;
import org.veilor.core.ReleaseArtifact;
import org.veilor.core.ReleaseGates;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.PackageSet;
import org.veilor.core.contrib.PackageSource;
import org.veilor.testsupport.FakeExecutables;

/**
 * Render + lint + build as the commands and veilor:release run them. bluebuild is a fake here (it
 * needs podman and registries): it records its argv and working folder and prints progress lines, as
 * the real CLI streams its build log; a failing run is an error with its exit code.
 */
class ImageWorkTest {

    @TempDir
    Path dir;

    ImageWork work(FakeExecutables fakes, boolean publicIso, ContributionRegistry reg) throws IOException {
        ImageSettings s = TestTrees.settings(dir, Map.of());
        ReleaseGates gates = mock(ReleaseGates.class);
        when(gates.publicIso()).thenReturn(publicIso);
        LocalHost host = new LocalHost(dir.resolve("host"), List.of(fakes.dir(), Path.of("/usr/bin"), Path.of("/bin")));
        return new ImageWork(host, gates, reg, () -> s);
    }

    @Test
    void releaseArtifactWritesTheTreeUnderImageAndLintsIt() throws IOException {
        ContributionRegistry reg = new ContributionRegistry();
        reg.add(ContributionMergerTest.contribution("org.veilor.test", ImageContribution.builder()
                .packages(PackageSet.install(PackageSource.FEDORA, "yggdrasil")).build()), "org.veilor.test");
        ReleaseArtifact a = work(new FakeExecutables(dir.resolve("f")), false, reg).artifact();
        assertEquals("image", a.name());
        Path release = Files.createDirectories(dir.resolve("release"));
        List<String> progress = new ArrayList<>();
        List<Finding> f = a.produce(release, progress::add);
        assertTrue(Files.isRegularFile(release.resolve("image/recipes/recipe.yml")));
        assertTrue(f.stream().anyMatch(x -> x.code().equals("image.yggdrasil-fedora") && x.isError()), "lint runs in the release: " + f);
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("[image] linting")), progress.toString());
    }

    @Test
    void buildRunsBluebuildAndStreamsItsOutput() throws IOException {
        FakeExecutables fakes = new FakeExecutables(dir.resolve("f"));
        fakes.script("bluebuild", "pwd > \"$(dirname \"$0\")/cwd\"\necho 'Building image ghcr.io/veilor/veilor-os'\necho 'step 2/9' >&2\n");
        List<String> progress = new ArrayList<>();
        Path out = dir.resolve("tree");
        ImageService.BuildOutcome o = work(fakes, false, new ContributionRegistry()).build(out, true, progress::add);
        assertTrue(o.bluebuildRan(), o.message());
        assertEquals(List.of(List.of("build", "--push", "recipes/recipe.yml")), fakes.calls("bluebuild"));
        assertEquals(out.toString(), Files.readString(fakes.dir().resolve("cwd")).strip());
        assertTrue(progress.contains("[bluebuild] Building image ghcr.io/veilor/veilor-os"), progress.toString());
        assertTrue(progress.contains("[bluebuild] step 2/9"), progress.toString());
    }

    @Test
    void buildWithoutBluebuildSaysWhereTheTreeIs() throws IOException {
        Path out = dir.resolve("tree");
        ImageService.BuildOutcome o = work(new FakeExecutables(dir.resolve("f")), false, new ContributionRegistry()).build(out, false, l -> {
        });
        assertFalse(o.bluebuildRan());
        assertTrue(o.message().startsWith("bluebuild is not installed; the tree is at " + out), o.message());
    }

    @Test
    void failingBluebuildIsAnErrorWithItsExitCode() throws IOException {
        FakeExecutables fakes = new FakeExecutables(dir.resolve("f"));
        fakes.fixed("bluebuild", 3, "");
        IOException e = assertThrows(IOException.class, () -> work(fakes, false, new ContributionRegistry())
                .build(dir.resolve("tree"), false, l -> {
                }));
        assertTrue(e.getMessage().contains("exited with 3"), e.getMessage());
    }

    @Test
    void missingCosignPubIsAnErrorForAPublicIso() throws IOException {
        ImageWork w = work(new FakeExecutables(dir.resolve("f")), true, new ContributionRegistry());
        Files.delete(dir.resolve("cosign.pub"));
        List<Finding> f = w.renderAndLint(dir.resolve("tree"), l -> {
        });
        assertTrue(f.stream().anyMatch(x -> x.code().equals("image.cosign-pub") && x.isError()), f.toString());
    }
}
