package org.veilor.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One result of a check or of a release step.
 *
 * @param severity error, warning or info
 * @param code a stable machine-readable code, for example {@code image.trivalent-not-default}
 * @param message what is wrong and, where it helps, how to fix it
 * @param location where: a file, {@code file:line}, a PID and key; {@code null} when not applicable
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(Severity severity, String code, String message, String location) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Finding error(String code, String message, String location) {
        return new Finding(Severity.ERROR, code, message, location);
    }

    public static Finding warning(String code, String message, String location) {
        return new Finding(Severity.WARNING, code, message, location);
    }

    public static Finding info(String code, String message, String location) {
        return new Finding(Severity.INFO, code, message, location);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code ERROR image.x at recipes/recipe.yml:3: message}. */
    @Override
    public String toString() {
        return severity + " " + code + (location == null ? "" : " at " + location) + ": " + message;
    }
}
