package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.veilor.testsupport.Poll;

/**
 * The profile installer: a profile switch installs and uninstalls features; only features it
 * installed itself are removed; a feature an admin installed by hand stays; veilor-seed is
 * skipped below release v0.8 with the strategy's reason.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProfileIT extends VeilorTestSupport {

    private static final String PROFILE_PID = "org.veilor.core.profile";

    @Test
    public void profileSwitchInstallsAndRemovesOnlyItsOwnFeatures() throws Exception {
        addFeaturesRepository(testFeatures());
        setConfig(PROFILE_PID, Map.of("name", "node", "features", new String[] { "veilor-core", "veilor-itest-a" }));
        Poll.assertEventually(TIMEOUT, () -> assertTrue(installed("veilor-itest-a")));
        // The installer records what it installed only after installFeatures returns, and the
        // feature counts as installed before that: poll the record too.
        Poll.assertEventually(TIMEOUT, () -> {
            JsonNode profile = executeJson("veilor:status --json").get("profile");
            assertEquals("node", profile.get("name").asText());
            assertTrue(profile.get("installedByProfile").toString(),
                    profile.get("installedByProfile").toString().contains("veilor-itest-a"));
        });

        // An admin opts in by hand; the profile later lists it and then drops it: it stays.
        installFeature("veilor-itest-b");
        setConfig(PROFILE_PID, Map.of("name", "node", "features",
                new String[] { "veilor-core", "veilor-itest-a", "veilor-itest-b" }));
        Poll.assertEventually(TIMEOUT, () -> assertEquals("in sync",
                executeJson("veilor:status --json").get("profile").get("lastResult").asText()));

        // Switch to a profile without the test features.
        setConfig(PROFILE_PID, Map.of("name", "seed", "features", new String[] { "veilor-core" }));
        Poll.assertEventually(TIMEOUT, () -> assertFalse(installed("veilor-itest-a")));
        assertTrue("a feature installed by hand is never removed by the profile", installed("veilor-itest-b"));
        assertTrue(installed("veilor-core"));
        uninstallFeature("veilor-itest-b");
    }

    @Test
    public void seedingIsSkippedBelowV08WithTheReason() throws Exception {
        setConfig(PROFILE_PID, Map.of("name", "seed", "features", new String[] { "veilor-core", "veilor-seed" }));
        Poll.assertEventually(TIMEOUT, () -> {
            JsonNode skipped = executeJson("veilor:status --json").get("profile").get("skipped");
            assertTrue(skipped.toString(), skipped.has("veilor-seed"));
            assertTrue(skipped.get("veilor-seed").asText(),
                    skipped.get("veilor-seed").asText().contains("seeding is Phase 2 of the strategy and starts at release v0.8"));
        });
        String text = execute("veilor:status");
        assertTrue(text, text.contains("skipped veilor-seed: seeding is Phase 2"));
        setConfig(PROFILE_PID, Map.of("name", "none", "features", new String[] { "veilor-core" }));
    }

    @Test
    public void invalidProfileChangeIsRefusedAndShown() throws Exception {
        setConfig(PROFILE_PID, Map.of("name", "node", "features", new String[] { "veilor-core" }));
        Poll.assertEventually(TIMEOUT, () -> assertEquals("node",
                executeJson("veilor:status --json").get("profile").get("name").asText()));
        setConfig(PROFILE_PID, Map.of("name", "Not A Name", "features", new String[] { "veilor-core" }));
        Poll.assertEventually(TIMEOUT, () -> {
            JsonNode status = executeJson("veilor:status --json");
            String detail = CoreIT.component(status, PROFILE_PID).get("detail").asText();
            assertTrue(detail, detail.contains("running on previous configuration: org.veilor.core.profile: name = 'Not A Name' is invalid"));
            assertEquals("node", status.get("profile").get("name").asText());
        });
        setConfig(PROFILE_PID, Map.of("name", "none", "features", new String[] { "veilor-core" }));
    }

    /**
     * Two test-only features in their own repository. They carry only a configuration and a
     * requirement on scr, so installing and removing them touches no bundle the test relies on.
     */
    private Path testFeatures() throws Exception {
        Path xml = workDir("profile").resolve("itest-features.xml");
        Files.writeString(xml, "<features name='veilor-itest' xmlns='http://karaf.apache.org/xmlns/features/v1.6.0'>\n"
                + "  <feature name='veilor-itest-a' version='1.0.0'><feature>scr</feature>"
                + "<config name='org.veilor.itest.a'>marker = a</config></feature>\n"
                + "  <feature name='veilor-itest-b' version='1.0.0'><feature>scr</feature>"
                + "<config name='org.veilor.itest.b'>marker = b</config></feature>\n"
                + "</features>\n");
        return xml;
    }
}
