package org.veilor.image.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.veilor.core.Finding;
import org.veilor.core.contrib.BuildScript;
import org.veilor.core.contrib.FirewallEntry;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.Justfile;
import org.veilor.core.contrib.OsFile;
import org.veilor.core.contrib.PackageSet;
import org.veilor.core.contrib.PackageSource;
import org.veilor.core.contrib.UnitState;

/**
 * Merges contributions into one {@link MergedImage}. Identical additions from several contributions
 * merge silently; contradictory ones (one path with different content, one unit enabled and masked,
 * one package from two sources or installed and removed, one interface in two zones, two targets for
 * a zone, one kernel argument with two values) are error findings naming both bundles.
 */
public final class ContributionMerger {

    private final MergedImage merged = new MergedImage();
    private final List<Finding> findings = new ArrayList<>();

    private ContributionMerger() {
    }

    /** Merges in the given order (the caller puts the image's own additions first, then the sorted rest). */
    public static Result merge(List<Contributed> contributions) {
        ContributionMerger m = new ContributionMerger();
        m.merged.installs.put(PackageSource.FEDORA, new TreeMap<>());
        for (Contributed c : contributions) {
            m.add(c.origin(), c.contribution());
        }
        m.merged.installs.values().removeIf(Map::isEmpty);
        return new Result(m.merged, List.copyOf(m.findings));
    }

    /** The merged image and the conflicts found; any error means the image cannot be rendered. */
    public record Result(MergedImage image, List<Finding> findings) {
        public boolean ok() {
            return findings.stream().noneMatch(Finding::isError);
        }
    }

    private void add(Origin o, ImageContribution c) {
        c.files().forEach(f -> file(o, f));
        c.packages().forEach(p -> packages(o, p));
        c.units().forEach(u -> unit(o, u));
        c.justfiles().forEach(j -> justfile(o, j));
        c.firewall().forEach(e -> firewall(o, e));
        c.kernelArgs().forEach(k -> kernelArg(o, k));
        for (BuildScript s : c.scripts()) {
            Placed<BuildScript> same = merged.scripts.stream().filter(p -> p.value().name().equals(s.name()))
                    .findFirst().orElse(null);
            if (same == null) {
                merged.scripts.add(new Placed<>(s, o));
            } else if (!same.value().content().equals(s.content())) {
                conflict("files/scripts/" + s.name(), "build script " + s.name() + " differs", same.origin(), o);
            }
        }
    }

    /** Adds a file; also used for the overlay and generated files, so they conflict the same way. */
    static void file(MergedImage image, List<Finding> findings, Origin o, OsFile f) {
        Placed<OsFile> had = image.files.putIfAbsent(f.path(), new Placed<>(f, o));
        if (had != null && !had.value().sameContent(f)) {
            findings.add(conflictFinding(f.path(), "it is written with different content or mode", had.origin(), o));
        }
    }

    private void file(Origin o, OsFile f) {
        file(merged, findings, o, f);
    }

    private void packages(Origin o, PackageSet set) {
        for (String p : set.install()) {
            for (Map.Entry<PackageSource, Map<String, Origin>> e : merged.installs.entrySet()) {
                Origin other = e.getValue().get(p);
                if (other != null && !e.getKey().equals(set.source())) {
                    conflict("package " + p, "it is installed from " + describe(e.getKey()) + " and from "
                            + describe(set.source()), other, o);
                }
            }
            if (merged.removes.containsKey(p)) {
                conflict("package " + p, "it is both installed and removed", merged.removes.get(p), o);
            }
            merged.installs.computeIfAbsent(set.source(), k -> new TreeMap<>()).putIfAbsent(p, o);
        }
        for (String p : set.remove()) {
            merged.installs.values().stream().filter(m -> m.containsKey(p)).findFirst()
                    .ifPresent(m -> conflict("package " + p, "it is both installed and removed", m.get(p), o));
            merged.removes.putIfAbsent(p, o);
        }
    }

    private void unit(Origin o, UnitState u) {
        String key = u.scope().name().toLowerCase() + ":" + u.unit();
        Placed<UnitState> had = merged.units.putIfAbsent(key, new Placed<>(u, o));
        if (had != null && had.value().state() != u.state()) {
            conflict("unit " + u.unit(), "one sets it " + had.value().state().name().toLowerCase() + ", the other "
                    + u.state().name().toLowerCase(), had.origin(), o);
        }
    }

    private void justfile(Origin o, Justfile j) {
        Placed<Justfile> had = merged.justfiles.putIfAbsent(j.name(), new Placed<>(j, o));
        if (had != null && !had.value().content().equals(j.content())) {
            conflict("files/justfiles/" + j.name(), "it is written with different content", had.origin(), o);
        }
    }

    private void firewall(Origin o, FirewallEntry e) {
        FirewallZone zone = merged.zones.computeIfAbsent(e.zone(), FirewallZone::new);
        switch (e.kind()) {
            case TARGET -> {
                if (zone.target() == null) {
                    zone.target(new Placed<>(e.value(), o));
                } else if (!zone.target().value().equals(e.value())) {
                    conflict("firewall zone " + e.zone(), "its target is set to " + zone.target().value() + " and to "
                            + e.value(), zone.target().origin(), o);
                }
            }
            case INTERFACE -> bound(o, e, zone.interfaces(), "interface", FirewallZone::interfaces);
            case SOURCE -> bound(o, e, zone.sources(), "source", FirewallZone::sources);
            case SERVICE -> zone.services().putIfAbsent(e.value(), o);
            case PORT -> zone.ports().putIfAbsent(e.value(), o);
        }
    }

    /** An interface or a source belongs to one zone only (firewalld refuses a second). */
    private void bound(Origin o, FirewallEntry e, Map<String, Origin> into, String what,
            java.util.function.Function<FirewallZone, Map<String, Origin>> same) {
        for (FirewallZone z : merged.zones.values()) {
            Origin other = same.apply(z).get(e.value());
            if (other != null && !z.name().equals(e.zone())) {
                conflict("firewall " + what + " " + e.value(), "it is put in zone " + z.name() + " and in zone "
                        + e.zone() + " (firewalld allows one zone per " + what + ")", other, o);
                return;
            }
        }
        into.putIfAbsent(e.value(), o);
    }

    private void kernelArg(Origin o, String arg) {
        String key = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        Placed<String> had = merged.kernelArgs.putIfAbsent(key, new Placed<>(arg, o));
        if (had != null && !had.value().equals(arg)) {
            conflict("kernel argument " + key, "it is given as " + had.value() + " and as " + arg, had.origin(), o);
        }
    }

    private void conflict(String what, String why, Origin first, Origin second) {
        findings.add(conflictFinding(what, why, first, second));
    }

    static Finding conflictFinding(String what, String why, Origin first, Origin second) {
        return Finding.error("image.conflict", what + " conflicts: " + why + ", by " + first.label() + " and by "
                + second.label() + "; the image cannot carry both", what);
    }

    static String describe(PackageSource s) {
        return switch (s.kind()) {
            case FEDORA -> "the Fedora repositories";
            case COPR -> "COPR " + s.ref();
            case REPO_URL -> "repository " + s.ref();
        };
    }
}
