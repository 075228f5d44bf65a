package org.veilor.itests.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An instance's karaf.log read as entries (time | level | thread | logger | bundle | message,
 * Karaf's default layout), with the questions a cold start must answer: did the boot deployment
 * stop, update or refresh a bundle, did it run more than once, was anything logged as ERROR.
 */
final class KarafLog {

    /** The deployer's headings for work on bundles already there; a cold boot must have none. */
    private static final List<String> DISTURBING = List.of("Stopping bundles:", "Refreshing bundles:",
            "Updating bundles:", "Uninstalling bundles:", "Bundles to refresh:", "Bundles to update:",
            "Bundles to uninstall:");

    record Entry(String time, String level, String thread, String logger, String message, List<String> more) {

        @Override
        public String toString() {
            return time + " | " + level + " | " + thread + " | " + logger + " | " + message
                    + (more.isEmpty() ? "" : "\n  " + String.join("\n  ", more));
        }
    }

    private final Path file;
    private final List<Entry> entries;

    private KarafLog(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    static KarafLog read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(" \\| ", 6);
            if (f.length == 6 && f[0].matches("\\d{4}-\\d\\d-\\d\\dT.*")) {
                entries.add(new Entry(f[0], f[1].strip(), f[2].strip(), f[3].strip(), f[5], new ArrayList<>()));
            } else if (!entries.isEmpty()) {
                entries.get(entries.size() - 1).more().add(line);
            }
            // lines before the first entry are the launcher's own (java.util.logging) start lines
        }
        return new KarafLog(file, entries);
    }

    /** Entries logged at ERROR. */
    List<Entry> errors() {
        return entries.stream().filter(e -> e.level().equals("ERROR")).toList();
    }

    /** The features deployer's entries that stop, update, uninstall or refresh bundles. */
    List<Entry> disturbances() {
        return deployer().stream().filter(e -> DISTURBING.stream().anyMatch(d -> e.message().strip().startsWith(d)))
                .toList();
    }

    /** Deployments of the boot features (Karaf's boot installer; not the profile installer's). */
    List<Entry> bootDeployments() {
        return deployer().stream()
                .filter(e -> e.message().startsWith("Adding features:") && !e.thread().equals("veilor-profile-installer"))
                .toList();
    }

    /** Every message the deployer logged, in order (its plans and what it did). */
    String deployerPlan() {
        return deployer().stream().map(Entry::message).collect(Collectors.joining("\n"));
    }

    boolean contains(String text) {
        return entries.stream().anyMatch(e -> e.message().contains(text));
    }

    Path file() {
        return file;
    }

    private List<Entry> deployer() {
        return entries.stream().filter(e -> e.logger().equals("FeaturesServiceImpl")).toList();
    }
}
