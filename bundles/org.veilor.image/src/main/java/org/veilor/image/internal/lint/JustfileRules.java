package org.veilor.image.internal.lint;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.veilor.core.Finding;
import org.veilor.core.Host;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;

/**
 * ujust imports every justfile into one namespace, so a recipe defined twice breaks ujust for
 * everyone: duplicates across files are errors naming both files. The justfiles module runs
 * {@code just --fmt --check} at build time; when {@code just} is installed here, lint runs the same
 * check (and a parse) first, so a malformed file fails the release, not the CI build.
 */
final class JustfileRules implements LintRule {

    /** A recipe header at column 0: optional @, a name, parameters, then ':' (not ':='). */
    static final Pattern RECIPE = Pattern.compile("(?m)^@?([A-Za-z_][A-Za-z0-9_-]*)(?:[ \\t]+[^\\n:]*)?:(?!=)");
    private static final Pattern NOT_RECIPE = Pattern.compile("(set|alias|export|import|mod)");

    /** Recipe names a justfile defines, in order. */
    static List<String> recipes(String justfile) {
        List<String> names = new ArrayList<>();
        Matcher m = RECIPE.matcher(justfile);
        while (m.find()) {
            if (!NOT_RECIPE.matcher(m.group(1)).matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Override
    public void check(LintContext t, List<Finding> out) throws IOException {
        Map<String, String> defined = new LinkedHashMap<>();
        t.texts("files/justfiles/").forEach((file, text) -> {
            if (!file.endsWith(".just")) {
                return;
            }
            for (String name : recipes(text)) {
                String first = defined.putIfAbsent(name, file);
                if (first != null) {
                    out.add(Finding.error("image.justfile", "ujust recipe " + name + " is defined in " + first + " and in " + file
                            + "; ujust imports both and fails", file));
                }
            }
        });
        Host host = t.host().orElse(null);
        if (host == null || host.which("just").isEmpty()) {
            if (!defined.isEmpty()) {
                out.add(Finding.info("image.justfile", "just is not installed here: justfile syntax and formatting are checked"
                        + " only when the image builds (justfiles validate: true)", "files/justfiles/"));
            }
            return;
        }
        for (String file : t.texts("files/justfiles/").keySet()) {
            if (!file.endsWith(".just")) {
                continue;
            }
            Path p = t.tree().resolve(file);
            ProcessResult parse = host.run(ProcessSpec.of("just", "--justfile", p.toString(), "--summary")
                    .workingDir(p.getParent().toString()).timeout(Duration.ofSeconds(30)).build());
            if (!parse.ok()) {
                out.add(Finding.error("image.justfile", "just cannot parse it: " + firstLine(parse.stderr()), file));
                continue;
            }
            ProcessResult fmt = host.run(ProcessSpec.of("just", "--justfile", p.toString(), "--fmt", "--check")
                    .workingDir(p.getParent().toString()).timeout(Duration.ofSeconds(30)).build());
            if (!fmt.ok()) {
                out.add(Finding.error("image.justfile", "not formatted as `just --fmt` writes it; the justfiles module"
                        + " (validate: true) would fail the build", file));
            }
        }
    }

    private static String firstLine(String s) {
        String x = s.strip();
        int nl = x.indexOf('\n');
        return nl < 0 ? x : x.substring(0, nl);
    }
}
