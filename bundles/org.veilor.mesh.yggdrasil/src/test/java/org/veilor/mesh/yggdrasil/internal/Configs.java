package org.veilor.mesh.yggdrasil.internal;

import java.util.Map;
import org.veilor.testsupport.OcdValues;

/** {@link YggdrasilConfig} values as DS would give them: the OCD defaults, with some keys set. */
final class Configs {

    private Configs() {
    }

    static YggdrasilConfig config(Map<String, Object> set) {
        return OcdValues.of(YggdrasilConfig.class, set);
    }

    /** A node's settings: the given peers and keys, everything else the OCD default. */
    static YggdrasilSettings settings(Map<String, Object> set) {
        return YggdrasilSettings.validate(config(set));
    }
}
