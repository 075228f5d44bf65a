package org.veilor.image.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.veilor.core.Finding;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsContribution;

/**
 * The {@link OsContribution} services currently registered, with their bundles. Contributions come and
 * go with their features; each render takes a snapshot, asking every contribution afresh, in a
 * deterministic order (contribution id, then bundle), whatever the order services arrived in.
 */
public final class ContributionRegistry {

    private final Map<OsContribution, String> registered = new ConcurrentHashMap<>();

    public void add(OsContribution contribution, String bundle) {
        registered.put(contribution, bundle == null ? "unknown bundle" : bundle);
    }

    public void remove(OsContribution contribution) {
        registered.remove(contribution);
    }

    public int size() {
        return registered.size();
    }

    /** A snapshot for one render, sorted; a contribution that throws becomes an error finding naming its bundle. */
    public Snapshot snapshot() {
        List<Contributed> list = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<OsContribution, String> e : Map.copyOf(registered).entrySet()) {
            String id;
            try {
                id = e.getKey().id();
            } catch (RuntimeException ex) {
                findings.add(Finding.error("image.contribution-failed",
                        "the contribution of " + e.getValue() + " failed to give its id: " + ex, e.getValue()));
                continue;
            }
            Origin origin = new Origin(e.getValue(), id == null || id.isBlank() ? e.getValue() : id);
            try {
                ImageContribution c = e.getKey().contribution();
                if (c == null) {
                    throw new IllegalStateException("it returned no contribution");
                }
                list.add(new Contributed(origin, c));
            } catch (RuntimeException ex) {
                findings.add(Finding.error("image.contribution-failed",
                        "the contribution of " + origin.label() + " failed: " + ex.getMessage(), origin.bundle()));
            }
        }
        list.sort(Comparator.comparing(Contributed::origin));
        return new Snapshot(List.copyOf(list), List.copyOf(findings));
    }

    /** Contributions of one render, sorted, and the findings from asking them. */
    public record Snapshot(List<Contributed> contributions, List<Finding> findings) {

        public static Snapshot of(List<Contributed> contributions) {
            List<Contributed> sorted = new ArrayList<>(contributions);
            sorted.sort(Comparator.comparing(Contributed::origin));
            return new Snapshot(List.copyOf(sorted), List.of());
        }
    }
}
