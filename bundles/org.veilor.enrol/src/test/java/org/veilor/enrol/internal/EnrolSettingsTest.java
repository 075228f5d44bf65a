package org.veilor.enrol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.veilor.core.ConfigException;

/** The one validation method of org.veilor.enrol: defaults are valid, each bad value is named with PID, key and value. */
class EnrolSettingsTest {

    private static final Map<String, String> PROPS = Map.of("karaf.etc", "/opt/veilor/etc");

    /** A config with the OCD's defaults. */
    static EnrolConfig defaults() {
        EnrolConfig c = mock(EnrolConfig.class);
        when(c.misskeyUrl()).thenReturn("http://127.0.0.1:3000");
        when(c.misskeyTokenFile()).thenReturn("${karaf.etc}/enrol-misskey.token");
        when(c.webhookSecretFile()).thenReturn("${karaf.etc}/enrol-webhook.secret");
        when(c.atRestKeyFile()).thenReturn("${karaf.etc}/enrol-at-rest.key");
        when(c.publicUrl()).thenReturn("http://127.0.0.1:8181");
        when(c.keyTtl()).thenReturn("24h");
        when(c.keyReusable()).thenReturn(true);
        when(c.keyTags()).thenReturn(new String[] { "tag:guest" });
        when(c.guestUser()).thenReturn("");
        when(c.webhookMaxBytes()).thenReturn(65536);
        when(c.workers()).thenReturn(4);
        when(c.maxAttempts()).thenReturn(30);
        when(c.retryInitialSeconds()).thenReturn(5);
        when(c.retryMaxSeconds()).thenReturn(900);
        when(c.misskeyTimeoutSeconds()).thenReturn(15);
        when(c.dmText()).thenReturn("Your key: {link} ({hours} h)");
        when(c.newKeyHelp()).thenReturn("Reply to the DM.");
        return c;
    }

    private static EnrolSettings validate(EnrolConfig c) {
        return EnrolSettings.validate(c, PROPS::get);
    }

    @Test
    void theDefaultsAreValid() {
        EnrolSettings s = validate(defaults());
        assertEquals(Duration.ofHours(24), s.keyTtl());
        assertEquals(List.of("tag:guest"), s.tags());
        assertEquals(Path.of("/opt/veilor/etc/enrol-webhook.secret"), s.webhookSecretFile());
        assertEquals(null, s.guestUser());
        assertEquals("http://127.0.0.1:3000", s.misskeyUrl());
    }

    @Test
    void listsAndUrlsAreNormalised() {
        EnrolConfig c = defaults();
        when(c.keyTags()).thenReturn(new String[] { "tag:guest, tag:enrolled" });
        when(c.publicUrl()).thenReturn("https://enrol.example.org/");
        when(c.guestUser()).thenReturn(" guests ");
        when(c.keyTtl()).thenReturn("PT12H");
        EnrolSettings s = validate(c);
        assertEquals(List.of("tag:guest", "tag:enrolled"), s.tags());
        assertEquals("https://enrol.example.org", s.publicUrl());
        assertEquals("guests", s.guestUser());
        assertEquals(Duration.ofHours(12), s.keyTtl());
    }

    @Test
    void eachBadValueIsNamed() {
        bad("publicUrl", "http://enrol.example.org", "must be https://", c -> when(c.publicUrl()).thenReturn("http://enrol.example.org"));
        bad("misskeyUrl", "ftp://x", "http:// or https://", c -> when(c.misskeyUrl()).thenReturn("ftp://x"));
        bad("misskeyUrl", "https://u:p@x", "credentials", c -> when(c.misskeyUrl()).thenReturn("https://u:p@x"));
        bad("misskeyTokenFile", "token", "absolute path", c -> when(c.misskeyTokenFile()).thenReturn("token"));
        bad("webhookSecretFile", "${karaf.nope}/s", "unknown placeholder", c -> when(c.webhookSecretFile()).thenReturn("${karaf.nope}/s"));
        bad("webhookSecretFile", "${karaf.etc}/enrol-misskey.token", "three different files",
                c -> when(c.webhookSecretFile()).thenReturn("${karaf.etc}/enrol-misskey.token"));
        bad("keyTtl", "1 day", "not a lifetime", c -> when(c.keyTtl()).thenReturn("1 day"));
        bad("keyTtl", "1m", "between 5 minutes and 90 days", c -> when(c.keyTtl()).thenReturn("1m"));
        bad("keyTags", "[Tag:Guest]", "is not a Headscale tag", c -> when(c.keyTags()).thenReturn(new String[] { "Tag:Guest" }));
        bad("keyTags", "[]", "at least one tag", c -> when(c.keyTags()).thenReturn(new String[0]));
        bad("guestUser", "a b", "Headscale user name", c -> when(c.guestUser()).thenReturn("a b"));
        bad("workers", "0", "must be 1–64", c -> when(c.workers()).thenReturn(0));
        bad("retryMaxSeconds", "2", "at least retryInitialSeconds", c -> when(c.retryMaxSeconds()).thenReturn(2));
        bad("dmText", "Welcome!", "must contain {link}", c -> when(c.dmText()).thenReturn("Welcome!"));
        bad("newKeyHelp", " ", "how to get a new key", c -> when(c.newKeyHelp()).thenReturn(" "));
    }

    private static void bad(String key, String value, String reason, Consumer<EnrolConfig> change) {
        EnrolConfig c = defaults();
        change.accept(c);
        ConfigException e = assertThrows(ConfigException.class, () -> validate(c));
        assertEquals("org.veilor.enrol", e.pid());
        assertEquals(key, e.key());
        assertEquals(value.startsWith("[") ? value : "'" + value + "'", e.value()); // arrays render bare
        assertTrue(e.reason().contains(reason), e.getMessage());
    }
}
