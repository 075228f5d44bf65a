package org.veilor.headscale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.veilor.core.ConfigException;
import org.veilor.headscale.Ttl;
import org.veilor.headscale.internal.policy.TierModel;

/** Each invalid value is refused naming PID, key and value; the operator's example is valid. */
class SettingsTest {

    private static final String ETC = "/opt/veilor/etc";

    private static ClientSettings client(HeadscaleConfig c) {
        return ClientSettings.validate(c, p -> p.equals("karaf.etc") ? ETC : null);
    }

    private static ConfigException refused(Consumer<HeadscaleConfig> change, boolean clientPart) {
        HeadscaleConfig c = Fixtures.config();
        change.accept(c);
        return assertThrows(ConfigException.class, () -> {
            if (clientPart) {
                client(c);
            } else {
                PolicySettings.validate(c);
            }
        });
    }

    @Test
    void operatorExampleIsValid() {
        ClientSettings s = client(Fixtures.config());
        assertEquals("http://127.0.0.1:8080", s.serverUrl());
        assertEquals(Path.of(ETC, "headscale-api.key"), s.apiKeyFile());
        assertEquals(Duration.ofSeconds(10), s.timeout());
        TierModel m = Fixtures.settings().model();
        assertEquals("[x.veilor:443, media:7867]", m.guestEndpoints().toString());
        assertEquals(Duration.ofDays(90), Fixtures.settings().failsafeTtl());
    }

    @Test
    void clientValuesAreChecked() {
        assertEquals("org.veilor.headscale: serverUrl = 'ftp://hs' is invalid: must be an http:// or https:// URL with a host",
                refused(c -> when(c.serverUrl()).thenReturn("ftp://hs"), true).getMessage());
        assertEquals("give the server URL without /api/v1", refused(c -> when(c.serverUrl()).thenReturn("https://hs.example/api/v1/"), true).reason());
        assertTrue(refused(c -> when(c.serverUrl()).thenReturn("https://user:pw@hs.example"), true).reason().contains("credentials"));
        assertEquals("apiKeyFile", refused(c -> when(c.apiKeyFile()).thenReturn("${user.home}/key"), true).key());
        assertEquals("must be an absolute path", refused(c -> when(c.apiKeyFile()).thenReturn("key"), true).reason());
        assertEquals("'dev' is not a Headscale version such as 0.29.2", refused(c -> when(c.version()).thenReturn("dev"), true).reason());
        assertTrue(refused(c -> when(c.version()).thenReturn("0.22.3"), true).reason().contains("not supported"));
        assertEquals("requestTimeoutSeconds", refused(c -> when(c.requestTimeoutSeconds()).thenReturn(0), true).key());
    }

    @Test
    void tierValuesAreChecked() {
        ConfigException host = refused(c -> when(c.guestDestinations()).thenReturn(new String[] { "shop.veilor:443" }), false);
        assertEquals("org.veilor.headscale: guestDestinations = [shop.veilor:443] is invalid: host 'shop.veilor' has no address in hosts (add shop.veilor=<tailnet IP>)",
                host.getMessage());
        assertTrue(refused(c -> when(c.hosts()).thenReturn(new String[] { "x.veilor=x.example.org" }), false).reason()
                .contains("Headscale hosts take IPs, not DNS names"));
        assertTrue(refused(c -> when(c.infraMembers()).thenReturn(new String[] { "onyx" }), false).reason().contains("also in adminMembers"));
        assertTrue(refused(c -> when(c.adminUsers()).thenReturn(new String[] { "alice" }), false).reason().contains("write alice@"));
        assertEquals("seedHosts", refused(c -> when(c.seedHosts()).thenReturn(new String[] { "nowhere" }), false).key());
        assertTrue(refused(c -> when(c.hosts()).thenReturn(new String[] { "lan=10.0.0.0/24" }), false).reason()
                .contains("x.veilor"), "x.veilor lost its address");
        assertEquals("'0' is not a port (1–65535)", refused(c -> when(c.guestDestinations()).thenReturn(new String[] { "x.veilor:0" }), false).reason());
        assertTrue(refused(c -> when(c.failsafeTtl()).thenReturn("forever"), false).reason().startsWith("'forever' is not a lifetime"));
        assertEquals("tailnetPrefixes", refused(c -> when(c.tailnetPrefixes()).thenReturn(new String[] { "100.64.0.0/40" }), false).key());
        assertEquals("org.veilor.headscale: policyWatchSeconds = '0' is invalid: must be 1–3600",
                refused(c -> when(c.policyWatchSeconds()).thenReturn(0), false).getMessage());
        assertEquals("must be 1 to policyWatchSeconds (120)", refused(c -> when(c.policyPollSeconds()).thenReturn(121), false).reason());
    }

    @Test
    void watchWindowDefaultsComeFromTheOcdOnly() throws Exception {
        HeadscaleConfig c = Fixtures.config();
        when(c.policyWatchSeconds()).thenReturn(HeadscaleConfig.class.getMethod("policyWatchSeconds").getDefaultValue() instanceof Integer i ? i : -1);
        when(c.policyPollSeconds()).thenReturn((Integer) HeadscaleConfig.class.getMethod("policyPollSeconds").getDefaultValue());
        PolicySettings s = PolicySettings.validate(c);
        assertEquals(Duration.ofSeconds(120), s.watchWindow());
        assertEquals(Duration.ofSeconds(5), s.pollInterval());
    }

    @Test
    void listsWrittenOnOneCfgLineAreSplit() {
        HeadscaleConfig c = Fixtures.config();
        when(c.hosts()).thenReturn(new String[] { "onyx=100.64.0.1, nullstone=100.64.0.2,x.veilor=100.64.0.2 , media=100.64.0.9" });
        when(c.adminUsers()).thenReturn(new String[] { "alice@example.org, bob@" });
        TierModel m = PolicySettings.validate(c).model();
        assertEquals("[onyx, nullstone, x.veilor, media]", m.hosts().keySet().toString());
        assertEquals("[alice@example.org, bob@]", m.adminUsers().toString());
    }

    @Test
    void lifetimes() {
        assertEquals(Duration.ofMinutes(30), Ttl.parse("30m"));
        assertEquals(Duration.ofHours(24), Ttl.parse("24h"));
        assertEquals(Duration.ofDays(14), Ttl.parse("2w"));
        assertEquals(Duration.ofHours(12), Ttl.parse("PT12H"));
        assertEquals(Duration.ofDays(90), Ttl.parse("P90D"));
        assertThrows(IllegalArgumentException.class, () -> Ttl.parse("0h"));
        assertEquals("90d", Ttl.format(Duration.ofDays(90)));
        assertEquals("36h", Ttl.format(Duration.ofHours(36)));
    }
}
