package org.veilor.image.internal.lint;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.veilor.core.Finding;

/**
 * Hard rules 5–7 as far as the image decides them: tailscaled is not enabled at install; no Reticulum
 * unit is enabled, and Reticulum comes from the RetiNet fork, not upstream RNS; yggdrasil-go comes from
 * its own repository, never Fedora's unrelated {@code yggdrasil} package (an MQTT device agent).
 */
final class MeshRules implements LintRule {

    private static final Pattern RETICULUM_UNIT = Pattern.compile("(rnsd|reticulum|lxmd|nomadnet)[A-Za-z0-9@_.-]*");
    private static final Pattern ENABLE = Pattern.compile("systemctl\\s+(--[a-z-]+\\s+)*enable\\s+([^\\n;&|]+)");
    private static final Pattern UPSTREAM_RNS = Pattern.compile(
            "(?i)(pipx?3?\\s+install\\s+([^\\n]*\\s)?['\"]?rns\\b(?![-.\\w])|github\\.com/markqvist/reticulum|pypi\\.org/project/rns\\b)");
    private static final Set<String> FEDORA_REPOS = Set.of("fedora", "updates", "updates-testing", "updates-archive");

    @Override
    public void check(LintContext t, List<Finding> out) {
        for (String u : t.units("system", "enabled")) {
            if (u.startsWith("tailscaled")) {
                out.add(Finding.error("image.tailscaled", "tailscaled is enabled at install; it must stay disabled until the"
                        + " user joins the mesh at first boot (paste / QR)", LintContext.RECIPE + " systemd.system.enabled"));
            }
        }
        for (String scope : List.of("system", "user")) {
            for (String u : t.units(scope, "enabled")) {
                if (RETICULUM_UNIT.matcher(u).matches()) {
                    out.add(Finding.error("image.reticulum-enabled", "Reticulum unit " + u + " is enabled; Reticulum is opt-in"
                            + " and never auto-started", LintContext.RECIPE + " systemd." + scope + ".enabled"));
                }
            }
        }
        t.buildCode().forEach((where, code) -> {
            Matcher m = ENABLE.matcher(code);
            while (m.find()) {
                for (String unit : m.group(2).trim().split("\\s+")) {
                    if (unit.startsWith("tailscaled")) {
                        out.add(Finding.error("image.tailscaled", "a build script enables tailscaled; it must stay disabled at install",
                                where + ":" + LintContext.line(code, m.start())));
                    } else if (RETICULUM_UNIT.matcher(unit).matches()) {
                        out.add(Finding.error("image.reticulum-enabled", "a build script enables " + unit
                                + "; Reticulum is opt-in and never auto-started", where + ":" + LintContext.line(code, m.start())));
                    }
                }
            }
        });
        t.texts().forEach((file, text) -> {
            if (file.matches("files/systemd/(system|user)/[^/]+\\.wants/.*")) {
                String unit = file.substring(file.lastIndexOf('/') + 1);
                if (unit.startsWith("tailscaled")) {
                    out.add(Finding.error("image.tailscaled", "tailscaled is enabled by a .wants link in the tree", file));
                } else if (RETICULUM_UNIT.matcher(unit).matches()) {
                    out.add(Finding.error("image.reticulum-enabled", unit + " is enabled by a .wants link in the tree", file));
                }
            }
            if (!file.startsWith(".github/")) {
                Matcher m = UPSTREAM_RNS.matcher(text);
                if (m.find()) {
                    out.add(Finding.error("image.reticulum-upstream", "Reticulum comes from upstream RNS; the image takes it from the"
                            + " RetiNet (AGPL) fork", file + ":" + LintContext.line(text, m.start())));
                }
            }
        });
        for (LintContext.Pkg p : t.installs()) {
            if (p.name().equals("rns") || p.name().equals("python3-rns")) {
                out.add(Finding.error("image.reticulum-upstream", "package " + p.name() + " is upstream RNS; the image takes"
                        + " Reticulum from the RetiNet (AGPL) fork", p.location()));
            }
            if (p.name().equals("yggdrasil") && (p.repo() == null || FEDORA_REPOS.contains(p.repo()))) {
                out.add(Finding.error("image.yggdrasil-fedora", "package yggdrasil is installed "
                        + (p.repo() == null ? "without a repository pin, so dnf may pick" : "from " + p.repo() + ", which is")
                        + " Fedora's own yggdrasil (an unrelated MQTT device agent); install yggdrasil-go from its repository:"
                        + " {repo: <its repo id>, packages: [yggdrasil]}", p.location()));
            }
        }
    }
}
