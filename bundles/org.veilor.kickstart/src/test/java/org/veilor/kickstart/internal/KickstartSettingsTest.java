package org.veilor.kickstart.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.ConfigException;

/** The one validation method of PID org.veilor.kickstart: every refusal names PID, key and value. */
class KickstartSettingsTest {

    static ConfigException refused(Map<String, Object> overrides) {
        return assertThrows(ConfigException.class, () -> TestConfigs.settings(overrides));
    }

    @Test
    void theDefaultsAreValidAndWipeNothing() {
        KickstartSettings s = TestConfigs.settings(Map.of());
        assertEquals("ghcr.io/veilor/veilor-os:43", s.imageRef());
        assertEquals(Optional.empty(), s.targetDisk());
        assertTrue(s.signatureVerification());
    }

    @Test
    void eachKeyIsChecked(@TempDir Path dir) throws Exception {
        ConfigException e = refused(Map.of("imageRef", "not a ref"));
        assertEquals("org.veilor.kickstart", e.pid());
        assertEquals("imageRef", e.key());
        assertEquals("'not a ref'", e.value());
        assertEquals("transport", refused(Map.of("transport", "floppy")).key());
        assertEquals("signatureVerification", refused(Map.of("transport", "oci", "imageRef", "/srv/oci/veilor")).key());
        assertEquals("targetDisk", refused(Map.of("targetDisk", "sda,sdb")).key());
        assertEquals("targetDisk", refused(Map.of("targetDisk", "two disks")).key());
        assertEquals("installerInterface", refused(Map.of("installerInterface", "cmdline")).key());
        assertEquals("lang", refused(Map.of("lang", "English")).key());
        assertEquals("timezone", refused(Map.of("timezone", "UTC+1 ; rm")).key());
        assertEquals("registryCheckAttempts", refused(Map.of("registryCheckAttempts", 0)).key());
        assertEquals("registryCheckDelaySeconds", refused(Map.of("registryCheckDelaySeconds", 301)).key());
        assertEquals("isoLabel", refused(Map.of("isoLabel", "a label that is far too long for iso9660")).key());
        assertEquals("baseIso", refused(Map.of("baseIso", "relative.iso")).key());
        ConfigException net = refused(Map.of("network", "--bootprot=dhcp"));
        assertEquals("network", net.key());
        assertTrue(net.reason().contains("did you mean --bootproto?"), net.reason());
        assertEquals("bootloader", refused(Map.of("bootloader", "--timeout=soon")).key());
    }

    @Test
    void aPartitioningFileMustExistAndParse(@TempDir Path dir) throws Exception {
        assertEquals("partitioningFile", refused(Map.of("partitioningFile", "part.ks")).key());
        assertEquals("partitioningFile", refused(Map.of("partitioningFile", dir.resolve("gone.ks").toString())).key());
        Path bad = Files.writeString(dir.resolve("bad.ks"), "reqpart\npart / --label='open\n");
        ConfigException e = refused(Map.of("partitioningFile", bad.toString()));
        assertEquals("line 2: No closing quotation", e.reason());
        Path good = Files.writeString(dir.resolve("good.ks"), "part / --encrypted\n");
        assertEquals(Optional.of(good), TestConfigs.settings(Map.of("partitioningFile", good.toString())).partitioningFile());
    }
}
