package org.veilor.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.veilor.testsupport.bootc.FakeBootc;

/** bootc status JSON of two bootc releases (fixtures in test-support, see their SOURCES.md). */
class BootcStatusParserTest {

    private static final String BOOTED = "sha256:" + "1a".repeat(32);
    private static final String STAGED = "sha256:" + "2b".repeat(32);

    @ParameterizedTest
    @ValueSource(strings = { "bootc-1.1-staged.json", "bootc-current-staged.json", "bootc-current-unknown-fields.json" })
    void bothReleasesReadTheSameAndUnknownFieldsAreIgnored(String fixture) throws Exception {
        BootcHost h = BootcStatusParser.parse(FakeBootc.fixture(fixture));
        assertEquals("org.containers.bootc/v1", h.apiVersion());
        assertEquals("ghcr.io/veilor/veilor-os:43", h.booted().image().image());
        assertEquals("registry", h.booted().image().transport());
        assertEquals("containerPolicy", h.booted().image().signature());
        assertEquals(BOOTED, h.booted().digest());
        assertEquals("43.20260105.0", h.booted().image().version());
        assertEquals("2026-01-05T04:12:33Z", h.booted().image().timestamp());
        assertEquals(STAGED, h.booted().cachedUpdate().digest());
        assertEquals(STAGED, h.staged().digest());
        assertEquals("43.20260112.0", h.staged().image().version());
        assertEquals(0, h.booted().deploySerial());
        assertEquals(1, h.rollback().deploySerial());
        assertTrue(h.rollback().pinned());
        assertFalse(h.booted().pinned());
        assertFalse(h.rollbackQueued());
        assertEquals(fixture.startsWith("bootc-1.1") ? null : "default", h.booted().stateroot(),
                "stateroot exists from bootc 1.3 on");
    }

    @Test
    void onlyTheRequiredFieldsAreEnough() throws Exception {
        BootcHost h = BootcStatusParser.parse(FakeBootc.fixture("bootc-current-minimal.json"));
        assertEquals(BOOTED, h.booted().digest());
        assertNull(h.booted().image().version());
        assertNull(h.booted().image().timestamp());
        assertNull(h.booted().image().signature());
        assertNull(h.booted().deploySerial());
        assertNull(h.booted().cachedUpdate());
        assertNull(h.staged());
        assertNull(h.rollback());
    }

    @Test
    void aHostNotDeployedByBootcHasNoBootedEntryAndAnUnverifiedOriginSaysInsecure() throws Exception {
        assertNull(BootcStatusParser.parse(FakeBootc.fixture("bootc-not-a-bootc-host.json")).booted());
        assertEquals("insecure",
                BootcStatusParser.parse(FakeBootc.fixture("bootc-unverified-origin.json")).booted().image().signature());
        String remote = FakeBootc.fixture("bootc-1.1-booted.json").replace("\"signature\": \"containerPolicy\"",
                "\"signature\": {\"ostreeRemote\": \"fedora\"}");
        assertEquals("ostreeRemote:fedora", BootcStatusParser.parse(remote).booted().image().signature());
    }

    @Test
    void garbageIsRefusedWithWhatWasFound() {
        BootcException html = assertThrows(BootcException.class,
                () -> BootcStatusParser.parse("<html><body>502 Bad Gateway</body></html>"));
        assertEquals(BootcException.Kind.GARBAGE, html.kind());
        assertTrue(html.getMessage().startsWith("bootc status printed something that is not its JSON status: it is not JSON"),
                html.getMessage());
        assertTrue(html.getMessage().endsWith("it begins: <html><body>502 Bad Gateway</body></html>"), html.getMessage());
        assertTrue(assertThrows(BootcException.class, () -> BootcStatusParser.parse("")).getMessage().endsWith("it printed nothing"));
        assertTrue(assertThrows(BootcException.class, () -> BootcStatusParser.parse("[1,2]")).getMessage()
                .contains("it is not a JSON object"));
        assertTrue(assertThrows(BootcException.class, () -> BootcStatusParser.parse(
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}")).getMessage()
                .contains("expected apiVersion org.containers.bootc/v1 and kind BootcHost, found apiVersion 'v1' and kind 'Pod'"));
        String noDigest = FakeBootc.fixture("bootc-1.1-booted.json").replace("\"imageDigest\"", "\"digest\"");
        assertTrue(assertThrows(BootcException.class, () -> BootcStatusParser.parse(noDigest)).getMessage()
                .contains("status.booted.image lacks imageDigest, which the schema requires"));
        String cut = FakeBootc.fixture("bootc-1.1-staged.json").substring(0, 500);
        assertEquals(BootcException.Kind.GARBAGE, assertThrows(BootcException.class, () -> BootcStatusParser.parse(cut)).kind());
    }
}
