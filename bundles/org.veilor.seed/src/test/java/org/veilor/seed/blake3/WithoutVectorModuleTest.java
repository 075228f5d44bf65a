package org.veilor.seed.blake3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.LocalHost;
import org.veilor.core.ProcessSpec;

/**
 * Where the Vector API is absent the library still loads and hashes right, on the scalar kernel:
 * a JVM forked without {@code --add-modules jdk.incubator.vector} hashes every official vector.
 * And the bundle imports the package optionally, so OSGi resolves it without the module too.
 */
class WithoutVectorModuleTest {

    @Test
    void aJvmWithoutTheModuleHashesEveryVectorOnTheScalarKernel(@TempDir Path dir) throws IOException {
        Path javaHome = Path.of(System.getProperty("java.home"));
        LocalHost host = new LocalHost(dir, List.of(javaHome.resolve("bin")));
        List<String> argv = new ArrayList<>(List.of("java", "-cp", System.getProperty("java.class.path"),
                ScalarOnlyMain.class.getName()));
        for (JsonNode c : OfficialVectorsTest.VECTORS.get("cases")) {
            argv.add(c.get("input_len").asText());
        }
        String out = host.run(ProcessSpec.of(argv).timeout(Duration.ofMinutes(2)).build()).orThrow().stdout();
        Map<String, String> lines = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                lines.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        assertEquals("false", lines.get("vectorized"), out);
        assertTrue(lines.get("implementation").startsWith("scalar (Vector API not available"), out);
        for (JsonNode c : OfficialVectorsTest.VECTORS.get("cases")) {
            assertEquals("131:" + c.get("hash").asText(), lines.get(c.get("input_len").asText()),
                    "input length " + c.get("input_len"));
        }
    }

    @Test
    void theBundleImportsTheVectorApiOptionally() throws IOException {
        Path manifest = Path.of("target/classes/META-INF/MANIFEST.MF");
        assertTrue(Files.exists(manifest), "bnd writes the manifest before the tests run");
        try (InputStream in = Files.newInputStream(manifest)) {
            String imports = new Manifest(in).getMainAttributes().getValue("Import-Package");
            assertTrue(imports.matches("(?s).*jdk\\.incubator\\.vector;resolution:=optional.*"), imports);
            String exports = new Manifest(Files.newInputStream(manifest)).getMainAttributes().getValue("Export-Package");
            assertTrue(exports.contains("org.veilor.seed.blake3;version=\"1.0.0\""), exports);
        }
    }
}
