package org.veilor.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;

/**
 * The features the profile installer installed itself, kept in a file in the bundle's data area
 * so the promise "remove only what I installed" survives restarts.
 */
final class InstalledRecord {

    private final Path file;

    InstalledRecord(Path file) {
        this.file = file;
    }

    Set<String> load() throws IOException {
        Set<String> result = new TreeSet<>();
        if (file == null || !Files.exists(file)) {
            return result;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                result.add(t);
            }
        }
        return result;
    }

    void save(Set<String> features) throws IOException {
        if (file == null) {
            return;
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder sb = new StringBuilder("# features installed by the veilor profile installer\n");
        for (String f : new TreeSet<>(features)) {
            sb.append(f).append('\n');
        }
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
