package org.veilor.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.veilor.core.ConfigException;

class UpdateSettingsTest {

    @Test
    void theDefaultsAreValid() {
        UpdateSettings s = Configs.settings(Map.of());
        assertEquals("ghcr.io/veilor/veilor-os:43", s.image().toString());
        assertEquals(Duration.ofHours(6), s.checkInterval());
        assertFalse(s.autoStage());
        assertTrue(s.systemdRun());
        assertEquals(Duration.ofSeconds(900), s.healthWindow());
        assertEquals(Duration.ofSeconds(30), s.healthPoll());
        assertEquals(Duration.ofSeconds(1), Configs.settings(Map.of("healthWindowSeconds", 3)).healthPoll());
        assertEquals("ghcr.io/veilor/veilor-os:latest", Configs.settings(Map.of("image", "ghcr.io/veilor/veilor-os")).image()
                .toString());
    }

    @Test
    void invalidValuesNamePidKeyAndValue() {
        assertEquals("org.veilor.update: image = 'ghcr.io/veilor/veilor-os@sha256:" + "ab".repeat(32)
                + "' is invalid: must name a tag, not a digest: bootc upgrade follows a tag", assertThrows(ConfigException.class,
                        () -> Configs.settings(Map.of("image", "ghcr.io/veilor/veilor-os@sha256:" + "ab".repeat(32)))).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> Configs.settings(Map.of("image", "docker://ghcr.io/veilor/x:1")))
                .getMessage().contains("without a transport"));
        assertTrue(assertThrows(ConfigException.class, () -> Configs.settings(Map.of("image", "GHCR.io/Veilor"))).getMessage()
                .startsWith("org.veilor.update: image = 'GHCR.io/Veilor' is invalid"));
        assertEquals("org.veilor.update: healthWindowSeconds = '0' is invalid: must be between 1 and 86400",
                assertThrows(ConfigException.class, () -> Configs.settings(Map.of("healthWindowSeconds", 0))).getMessage());
        assertEquals("checkIntervalMinutes", assertThrows(ConfigException.class,
                () -> Configs.settings(Map.of("checkIntervalMinutes", -1))).key());
        assertEquals("stateFile", assertThrows(ConfigException.class,
                () -> Configs.settings(Map.of("stateFile", "var/lib/x.json"))).key());
        assertEquals("publicKey", assertThrows(ConfigException.class,
                () -> Configs.settings(Map.of("publicKey", "/usr/../etc/k.pub"))).key());
    }
}
