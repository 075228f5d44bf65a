package org.veilor.seed.internal;

import java.util.Map;
import org.veilor.testsupport.OcdValues;

/** OCD instances for tests, as SCR builds them (attributes from the map, else the OCD's defaults). */
final class Configs {

    private Configs() {
    }

    static <A> A of(Class<A> ocd, Map<String, Object> values) {
        return OcdValues.of(ocd, values);
    }
}
