package org.veilor.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.veilor.core.ConfigException;

/** Validated database settings; the password is read from its file here and never logged. */
record DatabaseSettings(String url, String driverClass, String user, String password, int poolSize,
        int connectionTimeoutSeconds, Path h2Folder) {

    static final String PID = "org.veilor.core.database";

    static DatabaseSettings validate(DatabaseConfig c, UnaryOperator<String> properties) {
        String url;
        try {
            url = Placeholders.expand(c.url(), properties, Map.of());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PID, "url", c.url(), e.getMessage());
        }
        String driver;
        Path h2Folder = null;
        if (url.startsWith("jdbc:h2:")) {
            driver = "org.h2.Driver";
            String rest = url.substring("jdbc:h2:".length());
            ConfigException.check(!rest.startsWith("tcp:") && !rest.startsWith("ssl:"), PID, "url", c.url(),
                    "only embedded H2 (jdbc:h2:file: or jdbc:h2:mem:) is supported; use PostgreSQL for a server");
            if (rest.startsWith("file:")) {
                String file = rest.substring("file:".length());
                int semi = file.indexOf(';');
                Path p = Path.of(semi < 0 ? file : file.substring(0, semi));
                ConfigException.check(p.isAbsolute(), PID, "url", c.url(), "the H2 file path must be absolute");
                h2Folder = p.getParent();
            }
        } else if (url.startsWith("jdbc:postgresql:")) {
            driver = "org.postgresql.Driver";
        } else {
            throw new ConfigException(PID, "url", c.url(), "only jdbc:h2: and jdbc:postgresql: URLs are supported");
        }
        ConfigException.check(c.poolSize() >= 1 && c.poolSize() <= 64, PID, "poolSize", c.poolSize(), "must be 1..64");
        ConfigException.check(c.connectionTimeoutSeconds() >= 1 && c.connectionTimeoutSeconds() <= 300, PID,
                "connectionTimeoutSeconds", c.connectionTimeoutSeconds(), "must be 1..300");
        String password = "";
        if (!c.passwordFile().isBlank()) {
            try {
                password = Files.readString(Path.of(c.passwordFile()), StandardCharsets.UTF_8).strip();
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(PID, "passwordFile", c.passwordFile(), "cannot read it: " + e.getMessage());
            }
        }
        return new DatabaseSettings(url, driver, c.user(), password, c.poolSize(), c.connectionTimeoutSeconds(), h2Folder);
    }

    /** The URL without anything after ';' or '?' (for logs and status: options may carry credentials). */
    String displayUrl() {
        int cut = url.length();
        for (char ch : new char[] { ';', '?' }) {
            int i = url.indexOf(ch);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return url.substring(0, cut);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + displayUrl() + ", user " + user + ", pool " + poolSize + "]";
    }
}
