package org.veilor.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.veilor.core.ConfigException;

/** Validated profile settings. */
record ProfileSettings(String name, List<String> features, int reconcileSeconds) {

    static final String PID = "org.veilor.core.profile";

    static ProfileSettings validate(ProfileConfig c) {
        String name = c.name() == null ? "" : c.name().strip();
        ConfigException.check(name.matches("[a-z][a-z0-9-]{0,31}"), PID, "name", c.name(),
                "must be a lower-case word such as operator, node or seed");
        Set<String> features = new LinkedHashSet<>();
        for (String raw : c.features() == null ? new String[0] : c.features()) {
            for (String f : raw.split(",")) {
                String t = f.strip();
                if (t.isEmpty()) {
                    continue;
                }
                ConfigException.check(t.matches("[A-Za-z0-9][A-Za-z0-9_.-]*"), PID, "features", t,
                        "not a feature name");
                features.add(t);
            }
        }
        ConfigException.check(c.reconcileSeconds() >= 5 && c.reconcileSeconds() <= 3600, PID, "reconcileSeconds",
                c.reconcileSeconds(), "must be 5..3600");
        return new ProfileSettings(name, List.copyOf(new ArrayList<>(features)), c.reconcileSeconds());
    }
}
