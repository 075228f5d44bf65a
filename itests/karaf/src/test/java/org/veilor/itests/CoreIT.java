package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.veilor.core.Gate;
import org.veilor.core.ReleaseGates;
import org.veilor.core.ReleaseStage;
import org.veilor.testsupport.Poll;

/** The core bundle in the real distribution: status, release, the configuration rule, the Vector API. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoreIT extends VeilorTestSupport {

    @Test
    public void bootsWithCoreActiveAndStatusShowsIt() throws Exception {
        String text = execute("veilor:status");
        assertTrue(text, text.contains("release   v0.7"));
        assertTrue(text, text.matches("(?s).*veilor-core\\s*\\|[^\\n]*\\|\\s*yes.*"));
        JsonNode status = executeJson("veilor:status --json");
        assertEquals("v0.7", status.get("release").asText());
        assertTrue(status.get("database").asText(), status.get("database").asText().endsWith("available"));
        for (String name : new String[] { "org.veilor.core.host", "org.veilor.core.release",
                "org.veilor.core.database", "org.veilor.core.profile", "org.veilor.core.status" }) {
            assertEquals(name, "active", component(status, name).get("state").asText());
        }
        assertTrue("the host root defaults to a sandbox in the data folder",
                status.get("hostRoot").asText().startsWith(bundleContext.getProperty("karaf.data")));
    }

    @Test
    public void vectorApiReachesBundles() throws Exception {
        // The core bundle imports jdk.incubator.vector optionally; the system bundle exports it and
        // the JVM has the module, as bin/setenv arranges.
        JsonNode status = executeJson("veilor:status --json");
        assertTrue(status.get("vectorApi").asText(), status.get("vectorApi").asText().startsWith("available"));
        Bundle core = coreBundle();
        Class<?> species = core.loadClass("jdk.incubator.vector.IntVector");
        assertEquals("jdk.incubator.vector", species.getModule().getName());
    }

    @Test
    public void releaseWithNoProducersSaysSoAndWritesReport() throws Exception {
        Path out = workDir("release-empty").resolve("v");
        String text = execute("veilor:release --out " + out);
        assertTrue(text, text.contains("No release producers are installed"));
        JsonNode report = JSON.readTree(out.resolve("release-report.json").toFile());
        assertEquals(0, report.get("artifacts").size());
        assertTrue(report.get("ok").asBoolean());
        assertEquals("release.no-producers", report.get("findings").get(0).get("code").asText());

        execute("veilor:release");
        assertTrue(Files.exists(karafBase().resolve("release/v0.7/release-report.json")));
    }

    @Test
    public void releaseRefusesToOverwriteAFolderThatIsNotARelease() throws Exception {
        Path out = workDir("release-foreign");
        Files.writeString(out.resolve("precious.txt"), "keep me");
        try {
            execute("veilor:release --out " + out);
            fail("a foreign folder must not be overwritten");
        } catch (CommandFailed e) {
            assertTrue(e.getMessage(), e.getMessage().contains("refusing to write into"));
        }
        assertEquals("keep me", Files.readString(out.resolve("precious.txt")));
    }

    @Test
    public void releaseStageChangesLive() throws Exception {
        ReleaseGates gates = awaitService(ReleaseGates.class, null);
        assertFalse(gates.check(Gate.SEEDING).allowed());
        putConfig("org.veilor.core", Map.of("release", "v0.8"));
        try {
            Poll.assertEventually(TIMEOUT, () -> assertEquals(ReleaseStage.V0_8, gates.stage()));
            assertTrue(gates.check(Gate.SEEDING).allowed());
            assertEquals("v0.8", executeJson("veilor:status --json").get("release").asText());
        } finally {
            putConfig("org.veilor.core", Map.of("release", "v0.7"));
            Poll.assertEventually(TIMEOUT, () -> assertEquals(ReleaseStage.V0_7, gates.stage()));
        }
    }

    @Test
    public void invalidStageIsRefusedThenFailsActivationWithPidKeyValue() throws Exception {
        ReleaseGates gates = awaitService(ReleaseGates.class, null);
        putConfig("org.veilor.core", Map.of("release", "v0.6"));
        try {
            // A running component refuses the change and keeps its last valid stage, visibly.
            Poll.assertEventually(TIMEOUT, () -> {
                JsonNode release = component(executeJson("veilor:status --json"), "org.veilor.core.release");
                assertEquals("active", release.get("state").asText());
                String detail = release.get("detail").asText();
                assertTrue(detail, detail.startsWith("running on previous configuration: "));
                assertTrue(detail, detail.contains("org.veilor.core: release = 'v0.6' is invalid"));
            });
            assertEquals(ReleaseStage.V0_7, gates.stage());

            // Restarted with the invalid value stored, the component fails activation and says why.
            Bundle core = coreBundle();
            core.stop();
            core.start();
            Poll.assertEventually(TIMEOUT, () -> {
                JsonNode status = executeJson("veilor:status --json");
                JsonNode release = component(status, "org.veilor.core.release");
                assertEquals("failed", release.get("state").asText());
                assertEquals("org.veilor.core", release.get("pid").asText());
                assertTrue(release.get("detail").asText(),
                        release.get("detail").asText().contains("release = 'v0.6' is invalid: not a release stage"));
                assertTrue(status.get("release").asText().startsWith("(not active"));
            });
        } finally {
            putConfig("org.veilor.core", Map.of("release", "v0.7"));
        }
        Poll.assertEventually(TIMEOUT, () -> {
            JsonNode status = executeJson("veilor:status --json");
            assertEquals("active", component(status, "org.veilor.core.release").get("state").asText());
            assertEquals("", component(status, "org.veilor.core.release").get("detail").asText());
            assertEquals("v0.7", status.get("release").asText());
            // everything that depends on the gates comes back too
            for (JsonNode c : status.get("components")) {
                assertEquals(c.toString(), "active", c.get("state").asText());
            }
        });
    }

    private Bundle coreBundle() {
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.veilor.core".equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("org.veilor.core is not installed");
    }

    static JsonNode component(JsonNode status, String name) {
        for (JsonNode c : status.get("components")) {
            if (name.equals(c.get("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no component " + name + " in " + status.get("components"));
    }
}
