package org.veilor.image.internal.lint;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.veilor.core.Finding;
import org.veilor.image.internal.StrategyOverrides;

/**
 * Hard rule 1: Trivalent stays the default browser (never removed, the image's mimeapps.list names it
 * for every browser type and no other file or script names another browser); Thorium is never in the
 * image by default and reaches a machine only through {@code ujust install-thorium}, which warns of
 * its CVE lag and asks first.
 */
final class BrowserRules implements LintRule {

    private static final Pattern TRIVALENT_REMOVAL = Pattern.compile(
            "(dnf5?|rpm-ostree|yum)\\s+[^\\n]*\\b(remove|erase|uninstall|override\\s+remove)\\b[^\\n]*\\btrivalent\\b|rpm\\s+-e\\s+[^\\n]*\\btrivalent\\b");
    private static final Pattern DEFAULT_SETTER = Pattern.compile(
            "xdg-settings\\s+set\\s+default-web-browser\\s+(\\S+)|xdg-mime\\s+default\\s+(\\S+)\\s+(text/html|x-scheme-handler/https?)");
    private static final String MIMEAPPS = "files/system" + StrategyOverrides.MIMEAPPS;

    @Override
    public void check(LintContext t, List<Finding> out) {
        for (LintContext.Pkg p : t.removes()) {
            if (p.name().equals("trivalent")) {
                out.add(Finding.error("image.trivalent", "Trivalent is removed; it must stay the default browser", p.location()));
            }
        }
        t.buildCode().forEach((where, code) -> {
            Matcher m = TRIVALENT_REMOVAL.matcher(code);
            if (m.find()) {
                out.add(Finding.error("image.trivalent", "a build script removes Trivalent; it must stay the default browser",
                        where + ":" + LintContext.line(code, m.start())));
            }
            Matcher d = DEFAULT_SETTER.matcher(code);
            while (d.find()) {
                String desktop = d.group(1) != null ? d.group(1) : d.group(2);
                if (!desktop.contains("trivalent")) {
                    out.add(Finding.error("image.trivalent", "a build script makes " + desktop
                            + " the default browser; Trivalent must stay the default", where + ":" + LintContext.line(code, d.start())));
                }
            }
        });
        String ours = t.texts().get(MIMEAPPS);
        if (ours == null) {
            out.add(Finding.error("image.trivalent", "the image does not set Trivalent as the default browser (no "
                    + StrategyOverrides.MIMEAPPS + ")", MIMEAPPS));
        }
        for (Map.Entry<String, String> e : t.texts().entrySet()) {
            if (!e.getKey().endsWith("mimeapps.list")) {
                continue;
            }
            for (String type : StrategyOverrides.BROWSER_TYPES) {
                Matcher m = Pattern.compile("(?m)^" + Pattern.quote(type) + "=([^\\n;]*)").matcher(e.getValue());
                if (m.find() && !m.group(1).strip().equals("trivalent.desktop")) {
                    out.add(Finding.error("image.trivalent", type + " opens with " + m.group(1).strip()
                            + "; Trivalent must stay the default browser", e.getKey() + ":" + LintContext.line(e.getValue(), m.start())));
                } else if (!m.find(0) && e.getKey().equals(MIMEAPPS)) {
                    out.add(Finding.error("image.trivalent", type + " has no default in " + StrategyOverrides.MIMEAPPS
                            + "; it must be trivalent.desktop", e.getKey()));
                }
            }
        }
        thorium(t, out);
    }

    private static void thorium(LintContext t, List<Finding> out) {
        for (LintContext.Pkg p : t.installs()) {
            if (p.name().toLowerCase().contains("thorium")) {
                out.add(Finding.error("image.thorium-default", "Thorium is installed by default (" + p.name()
                        + "); it may only be installed by `ujust install-thorium`", p.location()));
            }
        }
        t.buildCode().forEach((where, code) -> {
            Matcher m = Pattern.compile("(?i)thorium").matcher(code);
            if (m.find()) {
                out.add(Finding.error("image.thorium-default", "a build script fetches or installs Thorium; it may only be"
                        + " installed by `ujust install-thorium`", where + ":" + LintContext.line(code, m.start())));
            }
        });
        boolean recipe = false;
        for (Map.Entry<String, String> e : t.texts("files/justfiles/").entrySet()) {
            Matcher m = Pattern.compile("(?m)^install-thorium\\s*:").matcher(e.getValue());
            if (!m.find()) {
                continue;
            }
            recipe = true;
            String body = e.getValue().substring(m.start());
            int next = nextRecipe(body);
            body = next < 0 ? body : body.substring(0, next);
            if (!body.contains("CVE") || !body.toLowerCase().contains("months")) {
                out.add(Finding.error("image.thorium-recipe", "ujust install-thorium does not warn of Thorium's months-long CVE lag",
                        e.getKey() + ":" + LintContext.line(e.getValue(), m.start())));
            }
            if (!Pattern.compile("\\bread\\b").matcher(body).find()) {
                out.add(Finding.error("image.thorium-recipe", "ujust install-thorium installs without asking for confirmation",
                        e.getKey() + ":" + LintContext.line(e.getValue(), m.start())));
            }
        }
        if (!recipe) {
            out.add(Finding.error("image.thorium-recipe", "no `ujust install-thorium` recipe (the only way Thorium may be installed)",
                    "files/justfiles/"));
        }
    }

    /** Start of the next recipe header after the first line, or -1. */
    private static int nextRecipe(String body) {
        Matcher m = Pattern.compile("(?m)^(?:@?[A-Za-z_][A-Za-z0-9_-]*[^\\n:=]*:(?!=)|# )").matcher(body);
        int first = body.indexOf('\n');
        return first < 0 || !m.find(first + 1) ? -1 : m.start();
    }
}
