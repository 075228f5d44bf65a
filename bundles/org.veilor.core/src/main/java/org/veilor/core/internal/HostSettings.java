package org.veilor.core.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.veilor.core.ConfigException;

/** Validated host settings: the one validation method for the host part of {@code org.veilor.core}. */
record HostSettings(Path root, List<Path> searchPath) {

    static final String PID = "org.veilor.core";

    static HostSettings validate(CoreConfig c, UnaryOperator<String> properties, Map<String, String> env) {
        Path root = absolute("hostRoot", c.hostRoot(), properties, env);
        String pathValue = expand("executablePath", c.executablePath(), properties, env);
        List<Path> search = new ArrayList<>();
        for (String part : pathValue.split(":")) {
            if (part.isBlank()) {
                continue;
            }
            search.add(absolute("executablePath", part, properties, env));
        }
        ConfigException.check(!search.isEmpty(), PID, "executablePath", c.executablePath(),
                "the executable search path is empty");
        return new HostSettings(root, List.copyOf(search));
    }

    private static String expand(String key, String value, UnaryOperator<String> properties, Map<String, String> env) {
        try {
            return Placeholders.expand(value, properties, env);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PID, key, value, e.getMessage());
        }
    }

    private static Path absolute(String key, String value, UnaryOperator<String> properties, Map<String, String> env) {
        String expanded = expand(key, value, properties, env);
        ConfigException.check(expanded != null && !expanded.isBlank(), PID, key, value, "must not be empty");
        try {
            Path p = Path.of(expanded);
            ConfigException.check(p.isAbsolute(), PID, key, value, "must be an absolute path");
            return p.normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(PID, key, value, "not a path: " + e.getReason());
        }
    }
}
