package org.veilor.seed.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import org.veilor.core.ConfigException;
import org.veilor.core.Host;
import org.veilor.seed.NodeId;
import org.veilor.seed.Topics;

/**
 * One seeded service's validated configuration; {@link #validate} is the one validation function of
 * factory PID {@code org.veilor.seed.service}. A watched folder must exist, be a folder, and hold no
 * database (see {@link DatabaseFolders}).
 *
 * @param pid the factory configuration's PID (for messages and status)
 * @param folder host path of the watched folder, empty for a mirror
 * @param origins node ids trusted to bind names (empty: known peers and this node)
 */
public record ServiceSettings(String pid, String name, Optional<String> folder, Optional<Path> realFolder, String include,
        PathMatcher matcher, long maxBlobSize, Set<NodeId> origins) {

    public static final String FACTORY_PID = "org.veilor.seed.service";

    public ServiceSettings {
        origins = Set.copyOf(origins);
    }

    /** Validates the raw configuration; the folder is resolved and inspected through the host. */
    public static ServiceSettings validate(String pid, ServiceConfig c, Host host) {
        try {
            Topics.checkService(c.name());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(pid, "name", c.name(), e.getMessage());
        }
        String include = c.include() == null || c.include().isBlank() ? "**" : c.include().strip();
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + include);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(pid, "include", c.include(), "not a glob: " + e.getDescription());
        }
        long max;
        try {
            max = Sizes.parse(c.maxBlobSize());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(pid, "maxBlobSize", c.maxBlobSize(), e.getMessage());
        }
        ConfigException.check(max > 0, pid, "maxBlobSize", c.maxBlobSize(), "must be more than 0");
        Set<NodeId> origins = new LinkedHashSet<>();
        for (String o : c.origins() == null ? new String[0] : c.origins()) {
            if (o != null && !o.isBlank()) {
                try {
                    origins.add(NodeId.parse(o));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(pid, "origins", o, e.getMessage());
                }
            }
        }
        String folder = c.watchedFolder() == null ? "" : c.watchedFolder().strip();
        if (folder.isEmpty()) {
            return new ServiceSettings(pid, c.name(), Optional.empty(), Optional.empty(), include, matcher, max, origins);
        }
        ConfigException.check(folder.startsWith("/"), pid, "watchedFolder", c.watchedFolder(), "must be an absolute host path");
        Path real;
        try {
            real = host.resolve(folder);
        } catch (IOException e) {
            throw new ConfigException(pid, "watchedFolder", c.watchedFolder(), e.getMessage());
        }
        ConfigException.check(Files.isDirectory(real), pid, "watchedFolder", c.watchedFolder(),
                "is not a folder (under the host root " + host.root() + ")");
        ConfigException.check(Files.isReadable(real), pid, "watchedFolder", c.watchedFolder(),
                "cannot be read by this process (give the seed user read access)");
        Optional<String> database = DatabaseFolders.find(real);
        if (database.isPresent()) {
            throw new ConfigException(pid, "watchedFolder", c.watchedFolder(),
                    "holds " + database.get() + "; only static media are seeded, database replication never");
        }
        return new ServiceSettings(pid, c.name(), Optional.of(folder), Optional.of(real), include, matcher, max, origins);
    }

    /** Whether a path relative to the watched folder is taken (the include glob, minus hidden and temporary files). */
    public boolean takes(Path relative) {
        for (Path part : relative) {
            String s = part.toString();
            if (s.startsWith(".")) {
                return false;
            }
        }
        String file = relative.getFileName().toString();
        if (file.endsWith(".tmp") || file.endsWith(".part") || file.endsWith("~") || file.endsWith(".crdownload")) {
            return false;
        }
        return matcher.matches(relative);
    }
}
