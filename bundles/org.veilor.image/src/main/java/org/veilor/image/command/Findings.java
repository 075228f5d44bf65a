package org.veilor.image.command;

import java.io.PrintStream;
import java.util.List;
import org.veilor.core.Finding;
import org.veilor.core.Severity;

/** Prints findings one per line and a count, the way veilor:release does. */
final class Findings {

    private Findings() {
    }

    static long print(PrintStream out, List<Finding> findings) {
        findings.forEach(out::println);
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    }

    static String counts(List<Finding> findings) {
        long e = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long w = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        return e + " error(s), " + w + " warning(s)";
    }

    static IllegalStateException failure(String what, List<Finding> findings) {
        return new IllegalStateException(what + " failed with " + counts(findings));
    }
}
