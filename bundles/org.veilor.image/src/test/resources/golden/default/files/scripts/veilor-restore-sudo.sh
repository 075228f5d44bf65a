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
