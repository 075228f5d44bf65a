package org.veilor.image.internal.lint;

import java.util.List;

/** Opens package-private lint helpers to tests in other packages. */
public final class LintTestAccess {

    private LintTestAccess() {
    }

    public static List<String> recipes(String justfile) {
        return JustfileRules.recipes(justfile);
    }
}
