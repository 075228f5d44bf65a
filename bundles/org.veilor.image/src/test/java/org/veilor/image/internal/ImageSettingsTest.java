package org.veilor.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.veilor.core.ConfigException;

/** The one validation function of PID org.veilor.image: defaults valid, bad values named by key. */
class ImageSettingsTest {

    private static final Map<String, String> KARAF = Map.of("karaf.home", "/opt/veilor", "karaf.base", "/srv/op",
            "karaf.etc", "/srv/op/etc", "karaf.data", "/srv/op/data");

    static ImageSettings validate(Map<String, Object> overrides) {
        return ImageSettings.validate(TestTrees.config(overrides), KARAF::get);
    }

    @Test
    void defaultsAreTheStrategysImage() {
        ImageSettings s = validate(Map.of());
        assertEquals("ghcr.io/veilor/veilor-os:43", s.reference());
        assertEquals("ghcr.io/secureblue/kinoite-main-hardened", s.baseImage());
        assertEquals("43", s.baseTag());
        assertEquals(Path.of("/srv/op/etc/cosign.pub"), s.cosignPublicKey());
        assertEquals(Path.of("/opt/veilor"), s.distribution());
        assertEquals(Path.of("/opt/veilor/profiles/node"), s.nodeProfile());
        assertTrue(s.restoreSudo() && s.restoreXwayland());
    }

    @Test
    void invalidValuesNamePidKeyAndValue() {
        assertKey("osRelease", Map.of("osRelease", new String[] { "NAME=x", "PRETTY_NAME=y", "ID=veilor" }), "COPR");
        assertKey("baseTag", Map.of("baseTag", "42"), "fedoraMajor is 43");
        assertKey("registry", Map.of("registry", "GHCR.IO/x"), "registry host");
        assertKey("cosignPublicKey", Map.of("cosignPublicKey", "cosign.pub"), "absolute");
        assertKey("overlay", Map.of("overlay", "${karaf.nope}/x"), "unknown placeholder");
        assertKey("osRelease", Map.of("osRelease", new String[] { "NAME=x" }), "PRETTY_NAME");
        assertKey("osRelease", Map.of("osRelease", new String[] { "NAME=x\"y", "PRETTY_NAME=y" }), "quotes");
        assertKey("fedoraMajor", Map.of("fedoraMajor", 7), "Fedora release");
    }

    private static void assertKey(String key, Map<String, Object> overrides, String reason) {
        ConfigException e = assertThrows(ConfigException.class, () -> validate(overrides));
        assertEquals(ImageSettings.PID, e.pid());
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
