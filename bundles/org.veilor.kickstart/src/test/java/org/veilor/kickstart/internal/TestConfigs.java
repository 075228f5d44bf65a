package org.veilor.kickstart.internal;

import java.util.Map;
import org.veilor.testsupport.OcdValues;

/** A {@link KickstartConfig} with the OCD's own defaults, some overridden: tests use the real defaults. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static KickstartConfig config(Map<String, Object> overrides) {
        return OcdValues.of(KickstartConfig.class, overrides);
    }

    public static KickstartSettings settings(Map<String, Object> overrides) {
        return KickstartSettings.validate(config(overrides));
    }
}
