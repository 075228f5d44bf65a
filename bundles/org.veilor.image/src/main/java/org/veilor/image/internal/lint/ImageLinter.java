package org.veilor.image.internal.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.veilor.core.Finding;
import org.veilor.core.Host;

/**
 * Lints a BlueBuild tree: the BlueBuild schema, the strategy's hard rules as far as the image decides
 * them, secrets, and the tree's shape. Every rule reports findings; errors fail the release.
 */
public final class ImageLinter {

    private final SchemaValidation schema = new SchemaValidation();
    private final List<LintRule> rules = List.of(schema, new BrowserRules(), new PrivilegeRules(), new MeshRules(),
            new SecretScan(), new TreeRules(), new SigningPolicyRules(), new JustfileRules(), new YggdrasilProfileRules());

    /**
     * @param host runs {@code just} when installed; may be null (then justfile syntax is not checked here)
     */
    public List<Finding> lint(Path tree, LintExpectations expect, Host host) throws IOException {
        if (!Files.isDirectory(tree)) {
            throw new IOException("no tree at " + tree + " (render one with image:render)");
        }
        LintContext context = new LintContext(tree, expect, host);
        List<Finding> out = new ArrayList<>(context.loadFindings());
        for (LintRule rule : rules) {
            rule.check(context, out);
        }
        out.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::code)
                .thenComparing(f -> f.location() == null ? "" : f.location()));
        return out.stream().distinct().toList();
    }

    public SchemaValidation schema() {
        return schema;
    }
}
