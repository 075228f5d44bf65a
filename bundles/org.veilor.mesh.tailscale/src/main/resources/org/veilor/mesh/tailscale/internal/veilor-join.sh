#!/usr/bin/bash
#
# veilor-join — join this machine to the Veilor mesh with the pre-auth key from your enrolment
# page: paste it, or show the page's QR code to the camera.
#
#   veilor-join --firstboot   once, at first boot (veilor-join-firstboot.service); does nothing
#                             when the question was answered before
#   veilor-join               again, whenever you like (ujust veilor-join)
#
# The key goes to the local Veilor agent through its own shell client with the machine's local
# client key (root only); it is written to a root-only file whose name is all the agent is told,
# so it never appears on a command line. Without a key nothing joins: there is no web (OIDC)
# login here. Answer "s" to skip; the question then waits for 'ujust veilor-join'.
#
set -euo pipefail

launcher="${VEILOR_LAUNCHER:-/usr/lib/veilor/bin/veilor}"
base="${VEILOR_NODE_BASE:-/var/lib/veilor/node}"
state_dir="${VEILOR_JOIN_STATE:-/var/lib/veilor/join}"
work_dir="${VEILOR_JOIN_WORK:-/run/veilor/join}"
camera="${VEILOR_JOIN_CAMERA:-/dev/video0}"
answer_timeout="${VEILOR_JOIN_TIMEOUT:-900}"
done_marker="$state_dir/done"
key_shape='^([0-9a-f]{48}|hskey-auth-[A-Za-z0-9_-]{12}-[A-Za-z0-9_-]{64})$'

say() { printf '%s\n' "$*"; }
die() { printf 'veilor-join: %s\n' "$*" >&2; exit 1; }

first_boot=no
case "${1:-}" in
  --firstboot) first_boot=yes ;;
  "") ;;
  -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown argument '$1' (use --firstboot, or nothing)" ;;
esac

if [ "$first_boot" = yes ] && [ -e "$done_marker" ]; then
  exit 0
fi
[ -r "$base/etc/veilor-local_rsa" ] \
  || die "cannot read the agent's local client key in $base/etc: run as root (ujust veilor-join asks for it)"

# /run/veilor is shared with the agent (0755); only the folder holding keys is root-only.
mkdir -p "${work_dir%/*}" "$state_dir"
umask 077
mkdir -p "$work_dir"
chmod 700 "$work_dir"
secret_files=()
cleanup() {
  local f
  for f in "${secret_files[@]}"; do rm -f -- "$f"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mark_done() {
  printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" > "$done_marker"
}

agent() {
  "$launcher" --base "$base" client "$@"
}

say "Waiting for the Veilor agent..."
if ! "$launcher" --base "$base" wait; then
  die "the Veilor agent does not answer (systemctl status veilor.service); run 'ujust veilor-join' once it does"
fi

join_pasted() {
  local key file
  if ! IFS= read -r -s -p "Pre-auth key (input hidden): " key; then
    say ""
    return 1
  fi
  say ""
  key="${key//[[:space:]]/}"
  if ! [[ "$key" =~ $key_shape ]]; then
    say "That is not a pre-auth key: it is either 48 hex characters or hskey-auth-<12>-<64> (88 characters)."
    return 1
  fi
  file=$(mktemp "$work_dir/paste.XXXXXXXX")
  secret_files+=("$file")
  printf '%s' "$key" > "$file"
  key=""
  local rc=0
  agent "mesh:join --key-file $file" || rc=$?
  rm -f -- "$file"
  return "$rc"
}

join_scanned() {
  local image reply
  command -v fswebcam >/dev/null || { say "No camera tool (fswebcam) is installed; paste the key instead."; return 1; }
  [ -e "$camera" ] || { say "No camera at $camera; paste the key instead."; return 1; }
  while true; do
    if ! read -r -p "Hold the QR code of your enrolment page in front of the camera, then press Enter (b = back): " reply; then
      return 1
    fi
    [ "$reply" = b ] && return 1
    image=$(mktemp "$work_dir/qr.XXXXXXXX.png")
    secret_files+=("$image")
    say "Capturing..."
    # Skip the first frames so the camera settles its exposure; PNG keeps the code's edges sharp.
    if ! fswebcam -q --no-banner --png 1 -r 1280x720 -S 15 -d "$camera" "$image"; then
      say "The camera did not give a picture; try again or go back and paste the key."
      continue
    fi
    # The picture holds the key: it goes as soon as the agent has read it.
    if agent "mesh:join --qr $image"; then
      rm -f -- "$image"
      return 0
    fi
    rm -f -- "$image"
    say "Try again: the whole code in view, steady, well lit."
  done
}

while true; do
  say ""
  say "Join the Veilor mesh? [paste / QR]"
  say "  p  paste the pre-auth key shown on your enrolment page"
  say "  q  show the page's QR code to this machine's camera"
  say "  s  skip for now (later: ujust veilor-join)"
  if ! read -r -t "$answer_timeout" -p "Your choice [p/q/s]: " choice; then
    say ""
    say "No answer; the question comes back at the next boot, or run 'ujust veilor-join'."
    exit 0
  fi
  case "${choice,,}" in
    p|paste)
      if join_pasted; then mark_done joined; say "This machine has joined the Veilor mesh."; exit 0; fi ;;
    q|qr)
      if join_scanned; then mark_done joined; say "This machine has joined the Veilor mesh."; exit 0; fi ;;
    s|skip)
      mark_done skipped
      say "Skipped. Join any time with: ujust veilor-join"
      exit 0 ;;
    *)
      say "Please answer p, q or s." ;;
  esac
done
