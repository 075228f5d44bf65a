package org.veilor.mesh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.veilor.core.Finding;
import org.veilor.core.ReleaseArtifact;

/**
 * Puts THREAT-MODEL.md (the repository root's file, packed into this bundle at build time) into
 * every release folder, so what the mesh promises travels with the release.
 */
@Component(service = ReleaseArtifact.class)
public class ThreatModelArtifact implements ReleaseArtifact {

    static final String FILE = "THREAT-MODEL.md";

    @Override
    public String name() {
        return "threat-model";
    }

    @Override
    public List<Finding> produce(Path releaseDir, Progress progress) throws IOException {
        try (InputStream in = ThreatModelArtifact.class.getResourceAsStream(FILE)) {
            if (in == null) {
                return List.of(Finding.error("mesh.threat-model-missing",
                        FILE + " is not packed in org.veilor.mesh: the build lost it", FILE));
            }
            Path target = releaseDir.resolve(FILE);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            progress.line("wrote " + FILE);
            return List.of(Finding.info("mesh.threat-model", "threat model written", target.toString()));
        }
    }
}
