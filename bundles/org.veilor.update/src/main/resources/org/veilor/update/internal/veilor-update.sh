#!/usr/bin/bash
#
# veilor-update — updates this veilor-os machine through the Veilor node agent, which runs bootc
# (the image is signed; the agent checks that this machine verifies it, and rolls a bad update back
# once by itself).
#
#   veilor-update              stage the newest image (bootc upgrade); it boots at the next reboot
#   veilor-update --reboot     stage it and reboot into it now (bootc upgrade --apply)
#   veilor-update status       booted, staged and rollback images, signature state, findings
#   veilor-update check        ask the registry whether there is an update
#   veilor-update rollback     boot the previous image at the next reboot (bootc rollback)
#
set -euo pipefail

launcher="${VEILOR_LAUNCHER:-/usr/lib/veilor/bin/veilor}"
base="${VEILOR_NODE_BASE:-/var/lib/veilor/node}"

usage() { sed -n '3,13p' "$0" | sed 's/^# \{0,1\}//'; }
die() { printf 'veilor-update: %s\n' "$*" >&2; exit 2; }

case "${1:-}" in
  "") command="update:apply" ;;
  --reboot) command="update:apply --reboot" ;;
  status|check|rollback) command="update:$1" ;;
  -h|--help) usage; exit 0 ;;
  *) usage >&2; die "unknown argument '$1'" ;;
esac
[ $# -le 1 ] || die "one argument at most"
[ "$(id -u)" -eq 0 ] || die "run it as root (sudo veilor-update): the node agent's local key is root's"
exec "$launcher" --base "$base" client "$command"
