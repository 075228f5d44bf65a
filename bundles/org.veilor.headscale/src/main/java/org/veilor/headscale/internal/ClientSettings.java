package org.veilor.headscale.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.veilor.core.ConfigException;
import org.veilor.headscale.HeadscaleVersion;

/**
 * Validated client settings of {@code org.veilor.headscale}: the one validation method for the client part.
 *
 * @param serverUrl base URL without trailing slash
 * @param apiKeyFile absolute path of the API key file
 * @param version the version assumed when {@code /version} cannot be read
 * @param timeout per-request timeout
 */
record ClientSettings(String serverUrl, Path apiKeyFile, HeadscaleVersion version, Duration timeout) {

    static final String PID = "org.veilor.headscale";
    /** The oldest version whose API this client speaks (users replaced namespaces in 0.23). */
    static final HeadscaleVersion OLDEST = HeadscaleVersion.of(0, 23, 0);

    static ClientSettings validate(HeadscaleConfig c, UnaryOperator<String> properties) {
        String url = c.serverUrl() == null ? "" : c.serverUrl().strip();
        try {
            URI u = new URI(url);
            ConfigException.check(("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null,
                    PID, "serverUrl", c.serverUrl(), "must be an http:// or https:// URL with a host");
            ConfigException.check(u.getQuery() == null && u.getFragment() == null && u.getUserInfo() == null,
                    PID, "serverUrl", c.serverUrl(), "must not carry a query, fragment or credentials (the API key goes in apiKeyFile)");
        } catch (URISyntaxException e) {
            throw new ConfigException(PID, "serverUrl", c.serverUrl(), "not a URL: " + e.getReason());
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.endsWith("/api/v1")) {
            throw new ConfigException(PID, "serverUrl", c.serverUrl(), "give the server URL without /api/v1");
        }
        Path keyFile;
        try {
            keyFile = Path.of(Placeholders.expand(c.apiKeyFile() == null ? "" : c.apiKeyFile().strip(), properties));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PID, "apiKeyFile", c.apiKeyFile(), e.getMessage());
        }
        ConfigException.check(keyFile.isAbsolute(), PID, "apiKeyFile", c.apiKeyFile(), "must be an absolute path");
        HeadscaleVersion version;
        try {
            version = HeadscaleVersion.parse(c.version());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PID, "version", c.version(), e.getMessage());
        }
        ConfigException.check(version.compareTo(OLDEST) >= 0, PID, "version", c.version(),
                "Headscale before " + OLDEST + " (namespaces instead of users) is not supported");
        ConfigException.check(c.requestTimeoutSeconds() >= 1 && c.requestTimeoutSeconds() <= 300, PID,
                "requestTimeoutSeconds", c.requestTimeoutSeconds(), "must be 1–300");
        return new ClientSettings(url, keyFile.normalize(), version, Duration.ofSeconds(c.requestTimeoutSeconds()));
    }
}
