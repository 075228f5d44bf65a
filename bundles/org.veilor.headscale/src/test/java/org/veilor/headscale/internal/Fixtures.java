package org.veilor.headscale.internal;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.veilor.headscale.HeadscaleVersion;

/** Shared test fixtures: a configuration like an operator's, an API key file, a client. */
public final class Fixtures {

    public static final String API_KEY = "hskey-api-AbCdEfGhIjKl-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0_";

    private Fixtures() {
    }

    /** An operator's configuration: nullstone serves x.veilor and the seeded media. */
    public static HeadscaleConfig config() {
        HeadscaleConfig c = mock(HeadscaleConfig.class);
        when(c.serverUrl()).thenReturn("http://127.0.0.1:8080");
        when(c.apiKeyFile()).thenReturn("${karaf.etc}/headscale-api.key");
        when(c.version()).thenReturn("0.29.2");
        when(c.requestTimeoutSeconds()).thenReturn(10);
        when(c.adminMembers()).thenReturn(new String[] { "onyx", "failsafe" });
        when(c.infraMembers()).thenReturn(new String[] { "nullstone", "office" });
        when(c.adminUsers()).thenReturn(new String[] { "alice@" });
        when(c.hosts()).thenReturn(new String[] { "onyx=100.64.0.1", "nullstone=100.64.0.2", "office=100.64.0.3",
            "x.veilor=100.64.0.2", "media=100.64.0.9" });
        when(c.guestDestinations()).thenReturn(new String[] { "x.veilor:443" });
        when(c.seedHosts()).thenReturn(new String[] { "media" });
        when(c.seedPort()).thenReturn(7867);
        when(c.guestPeerSeeding()).thenReturn(false);
        when(c.tailnetPrefixes()).thenReturn(new String[] { "100.64.0.0/10", "fd7a:115c:a1e0::/48" });
        when(c.taggedKeyUser()).thenReturn("operators");
        when(c.failsafeTtl()).thenReturn("90d");
        when(c.policyWatchSeconds()).thenReturn(120);
        when(c.policyPollSeconds()).thenReturn(5);
        return c;
    }

    public static PolicySettings settings() {
        return PolicySettings.validate(config());
    }

    /** The operator's settings with a short watch window (tests of keep-last-good). */
    public static PolicySettings settings(Duration watch, Duration poll) {
        PolicySettings s = settings();
        return new PolicySettings(s.model(), s.taggedKeyUser(), s.failsafeTtl(), watch, poll);
    }

    /** Writes the API key file with mode 0600. */
    public static Path keyFile(Path dir, String key) throws IOException {
        Path f = dir.resolve("headscale-api.key");
        Files.writeString(f, key + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    public static RestHeadscaleClient client(String url, Path keyFile) {
        return RestHeadscaleClient.create(url, keyFile, HeadscaleVersion.parse("0.29.2"), Duration.ofSeconds(10));
    }
}
