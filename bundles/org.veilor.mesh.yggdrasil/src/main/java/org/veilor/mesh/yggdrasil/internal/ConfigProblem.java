package org.veilor.mesh.yggdrasil.internal;

import java.util.Objects;

/**
 * One reason a yggdrasil.conf cannot be written.
 *
 * @param key the configuration key of PID {@code org.veilor.mesh.yggdrasil} it comes from
 * @param value the offending value as configured
 * @param reason what is wrong, in yggdrasil's terms
 */
public record ConfigProblem(String key, String value, String reason) {

    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        value = value == null ? "" : value;
    }

    @Override
    public String toString() {
        return key + (value.isEmpty() ? "" : " = '" + value + "'") + ": " + reason;
    }
}
