package org.veilor.core.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the profile installer must do, computed from plain sets so it is tested without Karaf:
 * install the profile's missing features; uninstall only features it installed itself that have
 * left the profile; never touch a feature an admin installed by hand.
 *
 * @param toInstall profile features not installed yet
 * @param toUninstall features this installer installed that left the profile (or were gated off)
 * @param skipped profile features not installed, with the reason (gate closed, unknown feature)
 * @param forget features the installer recorded as its own but that are no longer installed
 *        (an admin removed them by hand): dropped from the record
 */
record ProfilePlan(Set<String> toInstall, Set<String> toUninstall, Map<String, String> skipped, Set<String> forget) {

    /**
     * @param wanted the profile's features, in order
     * @param installed features installed now
     * @param ours features this installer installed earlier
     * @param known whether a feature exists in the repositories
     * @param gate a reason a feature must not be installed now, or null
     */
    static ProfilePlan compute(List<String> wanted, Set<String> installed, Set<String> ours, Predicate<String> known,
            Function<String, String> gate) {
        Set<String> effective = new LinkedHashSet<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String f : wanted) {
            String reason = gate.apply(f);
            if (reason != null) {
                skipped.put(f, reason);
            } else if (!known.test(f)) {
                skipped.put(f, "no such feature in the configured repositories");
            } else {
                effective.add(f);
            }
        }
        Set<String> toInstall = new LinkedHashSet<>();
        for (String f : effective) {
            if (!installed.contains(f)) {
                toInstall.add(f);
            }
        }
        Set<String> toUninstall = new LinkedHashSet<>();
        Set<String> forget = new LinkedHashSet<>();
        for (String f : ours) {
            if (!installed.contains(f)) {
                forget.add(f);
            } else if (!effective.contains(f)) {
                toUninstall.add(f);
            }
        }
        return new ProfilePlan(Set.copyOf(toInstall), Set.copyOf(toUninstall), Map.copyOf(skipped), Set.copyOf(forget));
    }

    boolean noChanges() {
        return toInstall.isEmpty() && toUninstall.isEmpty() && forget.isEmpty();
    }
}
