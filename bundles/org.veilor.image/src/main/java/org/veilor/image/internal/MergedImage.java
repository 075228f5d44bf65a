package org.veilor.image.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.veilor.core.contrib.BuildScript;
import org.veilor.core.contrib.Justfile;
import org.veilor.core.contrib.OsFile;
import org.veilor.core.contrib.PackageSource;
import org.veilor.core.contrib.UnitState;

/**
 * Every contribution merged into one image description, each item with its origin. Built by
 * {@link ContributionMerger}; ordered deterministically (paths, names and packages sorted; scripts
 * in contribution order).
 */
public final class MergedImage {

    final Map<String, Placed<OsFile>> files = new TreeMap<>();
    /** Package installs per source (Fedora first, then sources in first-seen order), names sorted. */
    final Map<PackageSource, Map<String, Origin>> installs = new LinkedHashMap<>();
    final Map<String, Origin> removes = new TreeMap<>();
    /** Units keyed by {@code system:name} / {@code user:name}. */
    final Map<String, Placed<UnitState>> units = new TreeMap<>();
    final Map<String, Placed<Justfile>> justfiles = new TreeMap<>();
    final List<Placed<BuildScript>> scripts = new ArrayList<>();
    final Map<String, FirewallZone> zones = new TreeMap<>();
    final Map<String, Placed<String>> kernelArgs = new LinkedHashMap<>();

    public Map<String, Placed<OsFile>> files() {
        return files;
    }

    public Map<PackageSource, Map<String, Origin>> installs() {
        return installs;
    }

    public Map<String, Origin> removes() {
        return removes;
    }

    public Map<String, Placed<UnitState>> units() {
        return units;
    }

    public Map<String, Placed<Justfile>> justfiles() {
        return justfiles;
    }

    public List<Placed<BuildScript>> scripts() {
        return scripts;
    }

    public Map<String, FirewallZone> zones() {
        return zones;
    }

    public List<String> kernelArgs() {
        return kernelArgs.values().stream().map(Placed::value).toList();
    }
}
