package org.veilor.update.internal;

import java.util.Map;
import org.veilor.testsupport.OcdValues;

/** {@link UpdateConfig} values as DS would give them: the OCD defaults, with some keys set. */
final class Configs {

    private Configs() {
    }

    static UpdateConfig config(Map<String, Object> set) {
        return OcdValues.of(UpdateConfig.class, set);
    }

    static UpdateSettings settings(Map<String, Object> set) {
        return UpdateSettings.validate(config(set));
    }
}
