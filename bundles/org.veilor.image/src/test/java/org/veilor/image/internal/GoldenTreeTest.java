package org.veilor.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Finding;

/**
 * The tree of the default configuration, with no concern installed, compared file by file with the
 * golden copy in src/test/resources/golden/default (regenerate with -Dveilor.golden.update=true and
 * review the diff). The golden copy is itself checked against the spec in {@link SpecFactsTest}.
 */
class GoldenTreeTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/default");
    /** Binary or per-run content: the tarball (packed from a test folder) and the generated test key. */
    static final List<String> VARIABLE = List.of("files/" + NodeRuntime.TARBALL, "cosign.pub",
            TreeRenderer.treePath(TreeRenderer.SHIPPED_KEY));

    @TempDir
    Path dir;

    @Test
    void defaultTreeMatchesGolden() throws IOException {
        Path out = dir.resolve("tree");
        List<Finding> findings = TestTrees.render(out, TestTrees.settings(dir, Map.of()), List.of(), false);
        TestTrees.assertNoErrors(findings);
        Map<String, String> actual = texts(out);
        if (Boolean.getBoolean("veilor.golden.update")) {
            TreeFolder.deleteTree(GOLDEN);
            for (Map.Entry<String, String> e : actual.entrySet()) {
                TestTrees.write(GOLDEN.resolve(e.getKey()), e.getValue());
            }
        }
        Map<String, String> golden = texts(GOLDEN);
        assertEquals(golden.keySet(), actual.keySet(), "files of the tree");
        for (String f : golden.keySet()) {
            assertEquals(golden.get(f), actual.get(f), f);
        }
        assertTrue(Files.size(out.resolve("files/" + NodeRuntime.TARBALL)) > 0);
        assertEquals(TestTrees.read(dir.resolve("cosign.pub")), TestTrees.read(out.resolve("cosign.pub")));
        assertEquals(TestTrees.read(dir.resolve("cosign.pub")), TestTrees.read(out.resolve("files/system/usr/share/veilor/cosign.pub")),
                "the key is shipped under /usr too, for the node agent's signature check");
    }

    @Test
    void renderingTwiceGivesTheSameTree() throws IOException {
        ImageSettings s = TestTrees.settings(dir, Map.of());
        Path out = dir.resolve("tree");
        TestTrees.render(out, s, List.of(), false);
        Map<String, String> first = texts(out);
        byte[] tar = Files.readAllBytes(out.resolve("files/" + NodeRuntime.TARBALL));
        TestTrees.render(out, s, List.of(), false);
        assertEquals(first, texts(out));
        assertTrue(java.util.Arrays.equals(tar, Files.readAllBytes(out.resolve("files/" + NodeRuntime.TARBALL))),
                "the packed distribution is reproducible");
    }

    static Map<String, String> texts(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return m;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!VARIABLE.contains(rel)) {
                    m.put(rel, Files.readString(p));
                }
            }
        }
        return m;
    }
}
