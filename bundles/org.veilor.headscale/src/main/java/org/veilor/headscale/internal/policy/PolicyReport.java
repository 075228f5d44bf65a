package org.veilor.headscale.internal.policy;

import java.util.List;

/**
 * Everything Veilor checked about a policy before a push.
 *
 * @param checks the tests and tier promises, each passed or failed with reasons
 * @param notes remarks that do not block (keys an old Headscale ignores)
 */
public record PolicyReport(List<CheckResult> checks, List<String> notes) {

    public PolicyReport {
        checks = List.copyOf(checks);
        notes = List.copyOf(notes);
    }

    public boolean passed() {
        return checks.stream().allMatch(CheckResult::passed);
    }

    public List<CheckResult> failed() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** One line per failure, for an exception message. */
    public String failureSummary() {
        StringBuilder sb = new StringBuilder();
        for (CheckResult c : failed()) {
            for (String f : c.failures()) {
                sb.append("\n  ").append(c.name()).append(": ").append(f);
            }
        }
        return sb.toString();
    }
}
