package org.veilor.core.contrib;

import java.util.Objects;

/**
 * The install-time state of a systemd unit in the image. Unit files themselves are
 * {@link OsFile}s under {@code /usr/lib/systemd/system/} (or {@code /usr/lib/systemd/user/}).
 */
public record UnitState(String unit, Scope scope, State state) {

    /** System or user (global) unit. */
    public enum Scope {
        SYSTEM,
        USER
    }

    /** What the image sets. */
    public enum State {
        ENABLED,
        DISABLED,
        MASKED
    }

    public UnitState {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(state, "state");
        if (unit == null || !unit.matches("[A-Za-z0-9@_.:\\\\-]+\\.(service|socket|timer|path|target|mount)")) {
            throw new IllegalArgumentException("not a systemd unit name: " + unit);
        }
    }

    public static UnitState enabled(String unit) {
        return new UnitState(unit, Scope.SYSTEM, State.ENABLED);
    }

    public static UnitState disabled(String unit) {
        return new UnitState(unit, Scope.SYSTEM, State.DISABLED);
    }
}
