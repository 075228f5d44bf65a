package org.veilor.headscale.internal.policy;

import java.util.List;

/**
 * The outcome of one policy test or tier promise.
 *
 * @param name what was checked ({@code tests[2] tag:guest}, {@code promise: guests reach only …})
 * @param passed whether it held
 * @param failures one line per broken expectation, naming the offending rule
 */
public record CheckResult(String name, boolean passed, List<String> failures) {

    public CheckResult {
        failures = List.copyOf(failures);
    }

    public static CheckResult of(String name, List<String> failures) {
        return new CheckResult(name, failures.isEmpty(), failures);
    }
}
