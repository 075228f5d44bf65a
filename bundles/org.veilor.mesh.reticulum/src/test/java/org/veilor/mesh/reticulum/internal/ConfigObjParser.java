package org.veilor.mesh.reticulum.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.veilor.core.LocalHost;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;

/**
 * Reads a Reticulum config back with Debian's python3-configobj, the real parser of the format
 * (scripts/test-setup.sh installs it). Debian's own interpreter is named explicitly: the default
 * {@code python3} on the search path may be another installation without the package.
 */
final class ConfigObjParser {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    private ConfigObjParser() {
    }

    /** The parsed file: sections as objects, each value as {@code {value, bool?, int?}}. */
    static JsonNode parse(Path dir, String configText) throws IOException {
        Path script = dir.resolve("configobj_dump.py");
        try (InputStream in = ConfigObjParser.class.getResourceAsStream("configobj_dump.py")) {
            assertNotNull(in, "configobj_dump.py is missing from the test resources");
            Files.write(script, in.readAllBytes());
        }
        Path config = Files.createTempFile(dir, "config", "");
        Files.writeString(config, configText);
        LocalHost host = new LocalHost(dir.resolve("parse-host"), List.of(PYTHON.getParent()));
        ProcessResult r = host.run(ProcessSpec.of(PYTHON.toString(), script.toString(), config.toString())
                .timeout(Duration.ofSeconds(60)).build());
        assertTrue(r.ok(), "python3-configobj could not read the config (is python3-configobj installed? scripts/test-setup.sh): "
                + r.describeFailure() + "\n" + r.stderr());
        return new ObjectMapper().readTree(r.stdout());
    }
}
