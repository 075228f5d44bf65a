package org.veilor.image.internal.lint;

import java.io.IOException;
import java.util.List;
import org.veilor.core.Finding;

/** One lint rule over a rendered (or hand-written) BlueBuild tree. */
interface LintRule {

    void check(LintContext tree, List<Finding> out) throws IOException;
}
