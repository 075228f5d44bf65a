package org.veilor.image.internal;

import org.veilor.core.FileAttrs;
import org.veilor.core.contrib.BuildScript;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.Justfile;
import org.veilor.core.contrib.OsFile;
import org.veilor.core.contrib.PackageSet;
import org.veilor.core.contrib.PackageSource;

/**
 * What the strategy changes in secureblue's image (hard rules 1 and 2): sudo back in a later layer
 * (run0 keeps working), Xwayland back, Mullvad Browser beside Trivalent, Trivalent the default browser,
 * Thorium only through {@code ujust install-thorium}. Facts: image-kickstart-seed-enrol.md §1.11.
 */
public final class StrategyOverrides {

    public static final String XWAYLAND_DROPIN = "/etc/systemd/user/plasma-kwin_wayland.service.d/override.conf";
    public static final String MULLVAD_REPO = "https://repository.mullvad.net/rpm/stable/mullvad.repo";
    public static final String MIMEAPPS = "/etc/xdg/mimeapps.list";
    public static final String BROWSER_POLICY = "/etc/trivalent/policies/managed/veilor.json";
    public static final String BROWSERS_JUSTFILE = "veilor-browsers.just";
    public static final String SUDO_SCRIPT = "veilor-restore-sudo.sh";
    public static final String XWAYLAND_SCRIPT = "veilor-restore-xwayland.sh";
    /** Mime types whose default handler makes a browser the default one. */
    public static final String[] BROWSER_TYPES = { "text/html", "application/xhtml+xml", "x-scheme-handler/http",
            "x-scheme-handler/https" };

    private StrategyOverrides() {
    }

    static ImageContribution contribution(ImageSettings s, byte[] browserPolicy) {
        ImageContribution.Builder b = ImageContribution.builder()
                .packages(PackageSet.install(PackageSource.repoUrl(MULLVAD_REPO, null), "mullvad-browser"))
                .file(OsFile.text(MIMEAPPS, mimeapps(), FileAttrs.PUBLIC))
                .justfile(new Justfile(BROWSERS_JUSTFILE, browsersJustfile()));
        if (s.restoreSudo()) {
            b.packages(PackageSet.install(PackageSource.FEDORA, "sudo")).script(new BuildScript(SUDO_SCRIPT, sudoScript()));
        }
        if (s.restoreXwayland()) {
            b.script(new BuildScript(XWAYLAND_SCRIPT, xwaylandScript()));
        }
        if (browserPolicy != null) {
            b.file(new OsFile(BROWSER_POLICY, browserPolicy, FileAttrs.PUBLIC));
        }
        return b.build();
    }

    /**
     * System-wide default applications: {@code /etc/xdg} comes before {@code /usr/share/applications}
     * (where secureblue sets Trivalent), so installing Mullvad Browser or Thorium cannot take over.
     */
    static String mimeapps() {
        StringBuilder sb = new StringBuilder("# veilor-os: Trivalent stays the default browser (Mullvad Browser is installed beside it).\n"
                + "[Default Applications]\n");
        for (String type : BROWSER_TYPES) {
            sb.append(type).append("=trivalent.desktop\n");
        }
        return sb.toString();
    }

    static String sudoScript() {
        return """
                #!/usr/bin/bash
                # Restores sudo (strategy: run0 keeps working beside it). secureblue removes the sudo package and
                # strips set-uid bits in its own build; the dnf module of this recipe installed sudo again, which
                # brings /usr/bin/sudo back set-uid root with /etc/sudoers (%wheel ALL=(ALL) ALL). A base that
                # kept the package but deleted the binary gets it reinstalled here.
                set -euo pipefail
                if [ ! -x /usr/bin/sudo ]; then
                  dnf5 -y reinstall sudo
                fi
                if [ ! -u /usr/bin/sudo ]; then
                  echo "veilor-restore-sudo: /usr/bin/sudo is not set-uid root after the reinstall" >&2
                  exit 1
                fi
                echo "veilor-restore-sudo: sudo restored; run0 is unchanged"
                """;
    }

    static String xwaylandScript() {
        return """
                #!/usr/bin/bash
                # Restores Xwayland. secureblue starts KWin through a user-unit drop-in whose ExecStart lacks
                # --xwayland; without it KWin's packaged ExecStart (with --xwayland) applies again, and the
                # ksmserver/xembedsniproxy conditions that look for --xwayland are met. This is what
                # `ujust set-xwayland on` does on a running machine.
                set -euo pipefail
                dropin=%DROPIN%
                rm -f "$dropin"
                rmdir --ignore-fail-on-non-empty "$(dirname "$dropin")" 2>/dev/null || true
                echo "veilor-restore-xwayland: KWin starts with Xwayland"
                """.replace("%DROPIN%", XWAYLAND_DROPIN);
    }

    /**
     * {@code ujust install-thorium}: the only way Thorium reaches a machine. It warns of Thorium's
     * security lag and asks for a typed confirmation; Trivalent stays the default either way.
     */
    static String browsersJustfile() {
        return """
                # Browsers on veilor-os: Trivalent is the default, Mullvad Browser is installed beside it.

                # Install the Thorium browser beside Trivalent (warns of its CVE lag and asks first)
                install-thorium:
                    #!/usr/bin/bash
                    set -euo pipefail
                    cat <<'WARNING'
                    WARNING: Thorium lags months behind Chromium's security fixes.
                    Its releases follow Chromium's CVE fixes by months, so known, published vulnerabilities stay
                    open in it for that long. Trivalent (the default) and Mullvad Browser get fixes promptly.
                    Thorium will be layered with rpm-ostree and will NOT become the default browser.
                    WARNING
                    answer=""
                    read -r -p "Install Thorium anyway? Type 'yes' to continue: " answer || true
                    if [ "$answer" != "yes" ]; then
                        echo "Thorium was not installed."
                        exit 0
                    fi
                    flags="$(grep -m1 '^flags' /proc/cpuinfo || true)"
                    build=SSE3
                    if [[ " $flags " == *" avx2 "* ]]; then
                        build=AVX2
                    elif [[ " $flags " == *" avx "* ]]; then
                        build=AVX
                    elif [[ " $flags " == *" sse4_1 "* ]]; then
                        build=SSE4
                    fi
                    tmp="$(mktemp -d)"
                    trap 'rm -rf "$tmp"' EXIT
                    curl -fsSL --proto '=https' -o "$tmp/release.json" https://api.github.com/repos/Alex313031/thorium/releases/latest
                    url="$(python3 -c 'import json, sys; print(next(a["browser_download_url"] for a in json.load(open(sys.argv[1]))["assets"] if a["name"].endswith("_" + sys.argv[2] + ".rpm")))' "$tmp/release.json" "$build")"
                    case "$url" in
                        https://github.com/Alex313031/thorium/releases/download/*) ;;
                        *) echo "unexpected Thorium download address: $url" >&2; exit 1 ;;
                    esac
                    curl -fL --proto '=https' -o "$tmp/thorium.rpm" "$url"
                    run0 rpm-ostree install "$tmp/thorium.rpm"
                    echo "Thorium ($build build) is layered; reboot to use it. Trivalent stays the default browser."
                """;
    }
}
