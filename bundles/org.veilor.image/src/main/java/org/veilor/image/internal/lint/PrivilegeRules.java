package org.veilor.image.internal.lint;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.veilor.core.Finding;
import org.veilor.image.internal.StrategyOverrides;

/**
 * Hard rule 2: when configured (restoreSudo, restoreXwayland), the image reinstalls sudo in a later
 * layer and removes secureblue's drop-in that starts KWin without Xwayland.
 */
final class PrivilegeRules implements LintRule {

    private static final Pattern SUDO_REMOVAL = Pattern.compile(
            "(dnf5?|rpm-ostree)\\s+[^\\n]*\\b(remove|erase)\\b[^\\n]*\\bsudo\\b|rm\\s+(-[a-z]+\\s+)*/usr/bin/sudo\\b");

    @Override
    public void check(LintContext t, List<Finding> out) {
        if (t.expect().restoreSudo()) {
            boolean installed = t.installs().stream().anyMatch(p -> p.name().equals("sudo"));
            if (!installed) {
                out.add(Finding.error("image.sudo", "restoreSudo is set but no dnf module installs sudo again"
                        + " (secureblue removes it; reinstall it in a later layer: install: {packages: [sudo]})", LintContext.RECIPE));
            }
            t.removes().stream().filter(p -> p.name().equals("sudo")).forEach(p -> out.add(
                    Finding.error("image.sudo", "restoreSudo is set but sudo is removed", p.location())));
            t.buildCode().forEach((where, code) -> {
                Matcher m = SUDO_REMOVAL.matcher(code);
                if (m.find()) {
                    out.add(Finding.error("image.sudo", "restoreSudo is set but a build script removes sudo",
                            where + ":" + LintContext.line(code, m.start())));
                }
            });
        }
        if (t.expect().restoreXwayland()) {
            String dropin = StrategyOverrides.XWAYLAND_DROPIN;
            boolean removed = t.buildCode().values().stream()
                    .anyMatch(code -> Pattern.compile("\\brm\\b[^\\n]*" + Pattern.quote(dropin)).matcher(code).find()
                            || code.contains("dropin=" + dropin) && Pattern.compile("\\brm\\b[^\\n]*\"\\$dropin\"").matcher(code).find());
            if (!removed) {
                out.add(Finding.error("image.xwayland", "restoreXwayland is set but no build script removes secureblue's "
                        + dropin + " (it starts KWin without --xwayland)", LintContext.RECIPE));
            }
            String shipped = "files/system" + dropin;
            if (t.texts().containsKey(shipped)) {
                out.add(Finding.error("image.xwayland", "restoreXwayland is set but the tree ships " + dropin, shipped));
            }
        }
    }
}
