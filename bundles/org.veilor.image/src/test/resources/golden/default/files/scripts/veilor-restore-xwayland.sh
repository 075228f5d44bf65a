#!/usr/bin/bash
# Restores Xwayland. secureblue starts KWin through a user-unit drop-in whose ExecStart lacks
# --xwayland; without it KWin's packaged ExecStart (with --xwayland) applies again, and the
# ksmserver/xembedsniproxy conditions that look for --xwayland are met. This is what
# `ujust set-xwayland on` does on a running machine.
set -euo pipefail
dropin=/etc/systemd/user/plasma-kwin_wayland.service.d/override.conf
rm -f "$dropin"
rmdir --ignore-fail-on-non-empty "$(dirname "$dropin")" 2>/dev/null || true
echo "veilor-restore-xwayland: KWin starts with Xwayland"
