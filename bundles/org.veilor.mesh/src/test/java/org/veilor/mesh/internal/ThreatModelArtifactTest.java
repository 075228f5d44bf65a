package org.veilor.mesh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Finding;
import org.veilor.mesh.Floor;

class ThreatModelArtifactTest {

    /** The one source: the repository root (surefire runs in the module folder). */
    private static final Path SOURCE = Path.of("../../THREAT-MODEL.md");

    @Test
    void theReleaseGetsTheRepositoryFileUnchanged(@TempDir Path release) throws Exception {
        List<String> progress = new ArrayList<>();
        List<Finding> findings = new ThreatModelArtifact().produce(release, progress::add);
        assertFalse(findings.stream().anyMatch(Finding::isError), findings.toString());
        assertEquals(Files.readString(SOURCE), Files.readString(release.resolve("THREAT-MODEL.md")));
        assertEquals(List.of("wrote THREAT-MODEL.md"), progress);
    }

    @Test
    void theDocumentStatesEachFloorAsTheSupervisorAssessesIt() throws Exception {
        String doc = Files.readString(SOURCE);
        for (Floor f : Floor.values()) {
            assertTrue(doc.contains("| (" + f.label() + ") | " + f.attack() + " | " + f.survivesBy() + " | "
                    + f.promisedFrom().label()), "floor " + f + " row differs from org.veilor.mesh.Floor");
        }
    }

    @Test
    void theDocumentHasEveryPartTheIssueAsksFor() throws Exception {
        String doc = Files.readString(SOURCE);
        for (String heading : List.of("## Assets", "## Adversaries", "## The three threat floors",
                "### What the supervisor reports for each", "## Tiers", "## Out of scope")) {
            assertTrue(doc.contains("\n" + heading), heading);
        }
        String outOfScope = doc.substring(doc.indexOf("## Out of scope"));
        assertTrue(outOfScope.contains("Traefik `no-guest` gap on nullstone"));
        assertTrue(outOfScope.contains("owned outside veilor-os"));
        for (String tier : List.of("tag:admin", "tag:infra", "tag:guest")) {
            assertTrue(doc.contains(tier), tier);
        }
    }
}
