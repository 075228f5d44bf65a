package org.veilor.mesh.yggdrasil.internal;

import java.util.List;
import java.util.stream.Collectors;

/** Every reason a yggdrasil.conf cannot be written, listed at once rather than one per attempt. */
public class ConfigProblems extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> problems;

    public ConfigProblems(List<ConfigProblem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems to report");
        }
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    static String describe(List<ConfigProblem> problems) {
        return problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; "));
    }
}
