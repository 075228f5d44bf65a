package org.veilor.update.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.veilor.core.Finding;
import org.veilor.update.UpdateReport;
import org.veilor.update.UpdateService;

class CommandsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private PrintStream saved;

    @BeforeEach
    void capture() {
        saved = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(saved);
    }

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static UpdateReport report(String op, boolean done, Finding... findings) {
        UpdateReport.Deployment booted = new UpdateReport.Deployment("ghcr.io/veilor/veilor-os:43", "registry",
                "sha256:" + "1a".repeat(32), "43.20260105.0", "2026-01-05T04:12:33Z", false, 0,
                new UpdateReport.Signature("verified", "sigstore signature by the image's cosign.pub"));
        UpdateReport.Deployment staged = new UpdateReport.Deployment("ghcr.io/veilor/veilor-os:43", "registry",
                "sha256:" + "2b".repeat(32), "43.20260112.0", null, false, null,
                new UpdateReport.Signature("unverified", "the policy accepts unsigned images"));
        return new UpdateReport(op, done, Instant.parse("2026-01-12T10:00:00Z"), "ghcr.io/veilor/veilor-os:43", booted, staged,
                null, false, new UpdateReport.Available("sha256:" + "2b".repeat(32), "43.20260112.0", null, true, null),
                new UpdateReport.Watch("sha256:" + "2b".repeat(32), Instant.parse("2026-01-12T10:00:00Z"),
                        Instant.parse("2026-01-12T10:15:00Z"), List.of("veilor.service is failed")), List.of(findings));
    }

    private static UpdateService service(UpdateReport r) {
        return new UpdateService() {
            @Override
            public UpdateReport status() {
                return r;
            }

            @Override
            public UpdateReport check() {
                return r;
            }

            @Override
            public UpdateReport apply(boolean reboot, boolean force) {
                return reboot ? r : report("apply", false, Finding.error("update.x", "no reboot asked", null));
            }

            @Override
            public UpdateReport rollback() {
                return r;
            }

            @Override
            public UpdateReport last() {
                return r;
            }
        };
    }

    @Test
    void statusPrintsDeploymentsSignaturesAndFindings() throws Exception {
        StatusCommand c = new StatusCommand();
        c.updates = service(report("status", true, Finding.error("update.unverified", "the staged image is unverified", null)));
        c.execute();
        String text = out();
        assertTrue(text.contains("ghcr.io/veilor/veilor-os:43 (configured)"), text);
        assertTrue(text.matches("(?s).*booted\\s*\\|.*43\\.20260105\\.0.*verified: sigstore signature.*"), text);
        assertTrue(text.contains("watching  sha256:" + "2b".repeat(32)), text);
        assertTrue(text.contains("ERROR update.unverified: the staged image is unverified"), text);
    }

    @Test
    void jsonCarriesTheWholeReport() throws Exception {
        StatusCommand c = new StatusCommand();
        c.updates = service(report("status", true));
        c.json = true;
        c.execute();
        JsonNode j = new ObjectMapper().readTree(out());
        assertEquals("status", j.get("operation").asText());
        assertEquals("43.20260105.0", j.at("/booted/version").asText());
        assertEquals(0, j.at("/booted/deploySerial").asInt());
        assertEquals("verified", j.at("/booted/signature/state").asText());
        assertTrue(j.at("/staged/deploySerial").isNull());
        assertTrue(j.at("/rollback").isNull());
        assertTrue(j.at("/available/staged").asBoolean());
        assertEquals("2026-01-12T10:15:00Z", j.at("/watch/deadline").asText());
        assertEquals("2026-01-12T10:00:00Z", j.get("at").asText());
    }

    @Test
    void anOperationThatDidNotHappenFailsTheCommandAfterPrintingWhy() throws Exception {
        ApplyCommand a = new ApplyCommand();
        a.updates = service(report("apply", true));
        a.json = true;
        IllegalStateException e = assertThrows(IllegalStateException.class, a::execute);
        assertEquals("update:apply did not complete: no reboot asked", e.getMessage());
        assertTrue(out().contains("\"code\" : \"update.x\""), out());
        a.reboot = true;
        a.execute();
    }

    @Test
    void withoutConfigurationEveryCommandSaysSo() {
        for (Action a : List.<Action>of(new StatusCommand(), new CheckCommand(), new ApplyCommand(), new RollbackCommand())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, a::execute);
            assertTrue(e.getMessage().startsWith("updates are not configured on this instance (PID org.veilor.update): update:"),
                    e.getMessage());
        }
        assertFalse(out().contains("{"));
    }
}
