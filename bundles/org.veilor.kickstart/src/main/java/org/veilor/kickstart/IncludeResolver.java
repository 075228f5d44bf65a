package org.veilor.kickstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the text of an {@code %include}d file for the validator. A file that cannot be found is not
 * an error by itself: kickstarts often include a file their own {@code %pre} writes at install time.
 */
@FunctionalInterface
public interface IncludeResolver {

    /** Follows no include. */
    IncludeResolver NONE = (from, path) -> Optional.empty();

    /**
     * The included file.
     *
     * @param from the source name of the including file
     * @param path the path as written after {@code %include}
     * @return its name and text, or empty when it cannot be read here
     */
    Optional<Included> resolve(String from, String path);

    /** An included file: its name (for locations) and its text. */
    record Included(String name, String text) {
    }

    /**
     * Reads included files from the file system: absolute paths as written, relative ones beside
     * the including file. URLs and missing files are not followed.
     */
    static IncludeResolver files(Path firstFile) {
        Path base = firstFile.toAbsolutePath().getParent();
        return (from, path) -> {
            if (path.contains("://") || path.isEmpty() || path.indexOf('\0') >= 0) {
                return Optional.empty();
            }
            try {
                Path fromDir = Path.of(from).isAbsolute() ? Path.of(from).getParent() : base;
                Path p = Path.of(path);
                Path file = p.isAbsolute() ? p : (fromDir == null ? p : fromDir.resolve(p));
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                return Optional.of(new Included(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        };
    }
}
