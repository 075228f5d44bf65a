package org.veilor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilePlanTest {

    private static final Set<String> KNOWN = Set.of("veilor-core", "veilor-mesh", "veilor-seed", "veilor-reticulum",
            "veilor-image");
    private static final Function<String, String> OPEN = f -> null;
    private static final Function<String, String> SEED_CLOSED = f -> f.equals("veilor-seed") ? "seeding starts at v0.8" : null;

    @Test
    void installsWhatIsMissing() {
        ProfilePlan p = ProfilePlan.compute(List.of("veilor-core", "veilor-mesh"), Set.of("veilor-core"), Set.of(),
                KNOWN::contains, OPEN);
        assertEquals(Set.of("veilor-mesh"), p.toInstall());
        assertEquals(Set.of(), p.toUninstall());
    }

    @Test
    void removesOnlyItsOwnFeaturesThatLeftTheProfile() {
        // veilor-reticulum was installed by hand (an opt-in): not ours, never removed.
        ProfilePlan p = ProfilePlan.compute(List.of("veilor-core"),
                Set.of("veilor-core", "veilor-mesh", "veilor-reticulum"), Set.of("veilor-mesh"), KNOWN::contains, OPEN);
        assertEquals(Set.of("veilor-mesh"), p.toUninstall());
        assertEquals(Set.of(), p.toInstall());
    }

    @Test
    void forgetsOwnFeaturesAnAdminRemovedByHand() {
        ProfilePlan p = ProfilePlan.compute(List.of("veilor-core"), Set.of("veilor-core"), Set.of("veilor-image"),
                KNOWN::contains, OPEN);
        assertEquals(Set.of("veilor-image"), p.forget());
        assertTrue(p.toUninstall().isEmpty());
    }

    @Test
    void gatedAndUnknownFeaturesAreSkippedWithReasons() {
        ProfilePlan p = ProfilePlan.compute(List.of("veilor-core", "veilor-seed", "veilor-typo"), Set.of("veilor-core"),
                Set.of(), KNOWN::contains, SEED_CLOSED);
        assertEquals(Map.of("veilor-seed", "seeding starts at v0.8", "veilor-typo",
                "no such feature in the configured repositories"), p.skipped());
        assertTrue(p.noChanges());
    }

    @Test
    void aFeatureTheProfileInstalledIsRemovedWhenItsGateCloses() {
        ProfilePlan p = ProfilePlan.compute(List.of("veilor-core", "veilor-seed"), Set.of("veilor-core", "veilor-seed"),
                Set.of("veilor-seed"), KNOWN::contains, SEED_CLOSED);
        assertEquals(Set.of("veilor-seed"), p.toUninstall());
    }

    @Test
    void theInstalledRecordSurvivesARestart(@TempDir Path tmp) throws Exception {
        InstalledRecord r = new InstalledRecord(tmp.resolve("data/installed.txt"));
        assertEquals(Set.of(), r.load());
        r.save(Set.of("veilor-mesh", "veilor-core"));
        assertEquals(Set.of("veilor-core", "veilor-mesh"), new InstalledRecord(tmp.resolve("data/installed.txt")).load());
    }
}
