package org.veilor.core;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The one configuration rule of DESIGN.md, implemented once.
 *
 * <p>A component keeps a {@code ConfigRule} built around its single validation function (raw OCD
 * in, validated settings out, {@link ConfigException} when invalid):
 * <ul>
 * <li>{@link #activate} validates or throws, so an invalid configuration fails the activation with
 * PID, key and value (and {@code veilor:status} shows it);</li>
 * <li>{@link #modified} validates before anything changes: a valid change is returned for the
 * component to apply; an invalid one is refused, logged as a warning naming PID, key and value, and
 * reported as "running on previous configuration".</li>
 * </ul>
 *
 * @param <C> the raw configuration type (the OCD annotation)
 * @param <V> the validated settings type
 */
public final class ConfigRule<C, V> {

    private final String component;
    private final String pid;
    private final ConfigStatus status;
    private final Logger logger;
    private final Function<C, V> validator;

    /** A rule for a component named like its PID. */
    public ConfigRule(String pid, ConfigStatus status, Logger logger, Function<C, V> validator) {
        this(pid, pid, status, logger, validator);
    }

    /**
     * @param component the component name (status key)
     * @param pid the configuration PID (for messages)
     * @param status where reports go; may be null in unit tests
     */
    public ConfigRule(String component, String pid, ConfigStatus status, Logger logger, Function<C, V> validator) {
        this.component = Objects.requireNonNull(component, "component");
        this.pid = Objects.requireNonNull(pid, "pid");
        this.status = status;
        this.logger = Objects.requireNonNull(logger, "logger");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    public String pid() {
        return pid;
    }

    /** Validates at activation; an invalid configuration throws, which fails the activation. */
    public V activate(C raw) {
        try {
            V valid = validator.apply(raw);
            if (status != null) {
                status.accepted(component);
            }
            return valid;
        } catch (ConfigException e) {
            if (status != null) {
                status.failed(component, e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Validates a change. Returns the settings to apply, or empty when the change was refused (the
     * caller keeps its current settings).
     */
    public Optional<V> modified(C raw) {
        try {
            V valid = validator.apply(raw);
            if (status != null) {
                status.accepted(component);
            }
            return Optional.of(valid);
        } catch (ConfigException e) {
            logger.warn("{}; refused the change and running on the previous configuration", e.getMessage());
            if (status != null) {
                status.refused(component, e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** Forgets the reports of this PID (call from {@code @Deactivate}). */
    public void deactivated() {
        if (status != null) {
            status.removed(component);
        }
    }
}
