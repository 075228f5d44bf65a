package org.veilor.core;

import java.util.Arrays;

/**
 * An invalid configuration value, named by PID, key and value. Thrown from a component's one
 * validation method: at activation it fails the activation (SCR does not register the service);
 * in {@code @Modified} the {@link ConfigRule} turns it into a refused change.
 */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String pid;
    private final String key;
    private final String value;
    private final String reason;

    public ConfigException(String pid, String key, Object value, String reason) {
        super(pid + ": " + key + " = " + render(value) + " is invalid: " + reason);
        this.pid = pid;
        this.key = key;
        this.value = render(value);
        this.reason = reason;
    }

    /** Throws a {@link ConfigException} unless the condition holds. */
    public static void check(boolean condition, String pid, String key, Object value, String reason) {
        if (!condition) {
            throw new ConfigException(pid, key, value, reason);
        }
    }

    public String pid() {
        return pid;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    public String reason() {
        return reason;
    }

    private static String render(Object value) {
        if (value == null) {
            return "(unset)";
        }
        if (value instanceof Object[] array) {
            return Arrays.toString(array);
        }
        return "'" + value + "'";
    }
}
