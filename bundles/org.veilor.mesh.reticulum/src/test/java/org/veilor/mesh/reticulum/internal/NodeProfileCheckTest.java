package org.veilor.mesh.reticulum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Finding;
import org.veilor.core.Severity;

/** What veilor:release says about the node profile's L3c settings, starting with the real node profile. */
class NodeProfileCheckTest {

    /** The repository's node profile, which travels in the image. */
    static final Path NODE_PROFILE = Path.of("../../config/node");

    @TempDir
    Path dir;

    @Test
    void theShippedNodeProfileIsValidWithTheRetinetSourceUnsetAsAWarning() throws Exception {
        List<Finding> f = NodeProfileCheck.check(NODE_PROFILE);
        assertTrue(f.stream().noneMatch(Finding::isError), f.toString());
        assertEquals(List.of("reticulum.retinet-source-unset", "reticulum.backbone-degraded", "reticulum.node-config"),
                f.stream().map(Finding::code).toList(), f.toString());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).message().contains("ujust install-reticulum refuses to run on nodes"), f.get(0).message());
        assertEquals("the node profile lists 0 of the 12 TCP backbone peers the strategy wants (degraded)", f.get(1).message());
        assertTrue(f.get(2).message().startsWith("L3c settings: AutoInterface group veilor, backbone 0 of the 12"), f.get(2).message());
    }

    @Test
    void anInvalidValueIsAnErrorNamingTheKey() throws Exception {
        write("autoInterfaceGroupId = veilor\nradio = rnode\nbackbonePeers = hub.example.net\n");
        Finding f = NodeProfileCheck.check(dir).get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("reticulum.node-config-invalid", f.code());
        assertTrue(f.message().startsWith("org.veilor.mesh.reticulum: backbonePeers = 'hub.example.net' is invalid: a backbone peer"
                + " is host:port"), f.message());
        assertTrue(f.location().endsWith("etc/org.veilor.mesh.reticulum.cfg: backbonePeers"), f.location());
    }

    @Test
    void aCompleteProfileOnlyInformsAndUnknownKeysAreWarned() throws Exception {
        StringBuilder peers = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            peers.append(i == 1 ? "" : ", ").append("hub").append(i).append(".example.net:4242");
        }
        write("retinetRepository = https://git.example.org/retinet/retinet\nretinetVersion = v1.0.2\nradio = rnode\n"
                + "backbonePeers = " + peers + "\nradioo = typo\n");
        List<Finding> f = NodeProfileCheck.check(dir);
        assertEquals(List.of("reticulum.node-config-unknown-key", "reticulum.node-config"), f.stream().map(Finding::code).toList());
        assertTrue(f.get(0).message().startsWith("unknown key 'radioo'"), f.get(0).message());
        assertTrue(f.get(1).message().endsWith("RetiNet https://git.example.org/retinet/retinet @ v1.0.2; no Sideband"), f.get(1).message());
    }

    @Test
    void aMissingFileOrRadioIsAWarning() throws Exception {
        assertEquals("reticulum.node-config-missing", NodeProfileCheck.check(dir).get(0).code());
        write("autoInterface = true\n");
        assertTrue(NodeProfileCheck.check(dir).stream().anyMatch(x -> x.code().equals("reticulum.no-radio")
                && x.severity() == Severity.WARNING));
    }

    @Test
    void theConfigTheFileGivesIsTheOneDsWouldGive() {
        ReticulumConfig c = CfgConfig.of(Map.of("logLevel", " 6 ", "backbonePeers", ""));
        assertEquals(6, c.logLevel());
        assertEquals(0, c.backbonePeers().length);
        assertEquals("reticulum", c.autoInterfaceGroupId(), "the OCD default");
        assertEquals(60, c.startTimeoutSeconds());
    }

    private void write(String cfg) throws Exception {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/org.veilor.mesh.reticulum.cfg"), cfg);
    }
}
