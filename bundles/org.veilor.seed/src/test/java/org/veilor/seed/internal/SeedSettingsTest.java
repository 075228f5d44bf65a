package org.veilor.seed.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.ConfigException;
import org.veilor.core.LocalHost;
import org.veilor.seed.Topics;

/** The one validation function of each PID: defaults as the issue sets them, bad values named. */
class SeedSettingsTest {

    @Test
    void defaultsAreTheSeedPortOnLoopbackAndATenGigabyteCache() {
        SeedSettings s = SeedSettings.validate(Configs.of(SeedConfig.class, Map.of()));
        // 7867: the seed port the Headscale tier policy opens between nodes.
        assertEquals(7867, s.transportPort());
        assertEquals(7867, SeedContribution.seedPort());
        assertEquals("127.0.0.1", s.transportAddress().getHostAddress());
        assertEquals(10_000_000_000L, s.cacheCap());
        assertEquals("/var/lib/veilor/seed/store", s.storeFolder());
        assertEquals(List.of(), s.knownPeers());
        assertEquals(Duration.ofSeconds(1800), s.announcementTtl());
    }

    @Test
    void peersAndSizesParse() {
        SeedSettings s = SeedSettings.validate(Configs.of(SeedConfig.class, Map.of("knownPeers",
                List.of("100.64.0.7:7867", "[fd7a:115c:a1e0::7]:7867"), "cacheCap", "512 MiB", "transportAddress", "100.64.0.5")));
        assertEquals(List.of(new InetSocketAddress("100.64.0.7", 7867), new InetSocketAddress("fd7a:115c:a1e0::7", 7867)),
                s.knownPeers());
        assertEquals(512L << 20, s.cacheCap());
        assertEquals("100.64.0.5:7867", Addresses.format(s.transport()));
    }

    @Test
    void badValuesAreRefusedNamingPidKeyAndValue() {
        assertRefused(Map.of("storeFolder", "relative/store"), "storeFolder", "must be an absolute host path");
        assertRefused(Map.of("cacheCap", "lots"), "cacheCap", "lots");
        assertRefused(Map.of("cacheCap", "1 KiB"), "cacheCap", "at least 1 MiB");
        assertRefused(Map.of("transportAddress", "0.0.0.0"), "transportAddress", "not the wildcard");
        assertRefused(Map.of("transportAddress", "seed.example"), "transportAddress", "must be an IP address");
        assertRefused(Map.of("transportPort", 70000), "transportPort", "1-65535");
        assertRefused(Map.of("knownPeers", List.of("100.64.0.7")), "knownPeers", "100.64.0.7");
        assertRefused(Map.of("stableSeconds", 0), "stableSeconds", "1-3600");
    }

    private static void assertRefused(Map<String, Object> values, String key, String part) {
        ConfigException e = assertThrows(ConfigException.class, () -> SeedSettings.validate(Configs.of(SeedConfig.class, values)));
        assertEquals(SeedSettings.PID, e.pid());
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void aServiceIsAnOriginWithAFolderAndAMirrorWithout(@TempDir Path dir) throws Exception {
        LocalHost host = new LocalHost(dir, List.of(Path.of("/usr/bin")));
        Files.createDirectories(dir.resolve("srv/media"));
        ServiceSettings origin = ServiceSettings.validate("org.veilor.seed.service~media",
                Configs.of(ServiceConfig.class, Map.of("name", "media", "watchedFolder", "/srv/media")), host);
        assertEquals("media", origin.name());
        assertEquals("/srv/media", origin.folder().orElseThrow());
        assertTrue(origin.takes(Path.of("photos/cat.jpg")));
        assertTrue(!origin.takes(Path.of("photos/.cat.jpg.part")), "hidden and temporary files wait");
        ServiceSettings mirror = ServiceSettings.validate("org.veilor.seed.service~m",
                Configs.of(ServiceConfig.class, Map.of("name", "media")), host);
        assertTrue(mirror.folder().isEmpty());
        // topic id = BLAKE3 of a fixed prefix + the service name
        assertEquals(org.veilor.seed.blake3.Blake3.standard().hash("veilor-seed topic v1:media".getBytes("UTF-8")),
                Topics.of("media"));
        ConfigException e = assertThrows(ConfigException.class, () -> ServiceSettings.validate("org.veilor.seed.service~x",
                Configs.of(ServiceConfig.class, Map.of("name", "media", "watchedFolder", "/srv/none")), host));
        assertEquals("watchedFolder", e.key());
    }
}
