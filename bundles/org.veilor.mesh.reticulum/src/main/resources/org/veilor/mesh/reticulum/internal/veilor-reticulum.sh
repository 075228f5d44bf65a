#!/usr/bin/bash
#
# veilor-reticulum — Reticulum over LoRa on this node, from the RetiNet (AGPL) fork. Opt-in; it
# starts nothing.
#
#   veilor-reticulum install       (ujust install-reticulum) opts the node agent in (feature
#                                  veilor-reticulum), installs RetiNet — and Sideband, when the node
#                                  profile names it — from the fork's repository and version in the
#                                  node profile, and has the agent write the Reticulum config.
#                                  Refuses when the node profile names no RetiNet source.
#   veilor-reticulum rnode USER    (ujust install-reticulum-rnode) lets USER open RNode radios (the
#                                  veilor-rnode group of the RNode udev rule) and checks the radio's
#                                  parameters against the RNode, field by field.
#
# rnsd runs only on request, through the agent: mesh:reticulum start hands the radio's serial port
# to it first. RetiNet goes to /var/lib/retinet because /usr is read-only on an atomic OS: each
# install gets its own folder, and 'current' points at it only once it is checked.
#
set -euo pipefail

launcher="${VEILOR_LAUNCHER:-/usr/lib/veilor/bin/veilor}"
base="${VEILOR_NODE_BASE:-/var/lib/veilor/node}"
prefix="${VEILOR_RETINET_PREFIX:-/var/lib/retinet}"
python="${VEILOR_PYTHON:-/usr/bin/python3}"
etc_group="${VEILOR_ETC_GROUP:-/etc/group}"
lib_group="${VEILOR_LIB_GROUP:-/usr/lib/group}"
rnode_group=veilor-rnode

say() { printf '%s\n' "$*"; }
die() { printf 'veilor-reticulum: %s\n' "$*" >&2; exit 1; }

agent() {
  "$launcher" --base "$base" client "$@"
}

wait_for_agent() {
  say "Waiting for the Veilor agent..."
  "$launcher" --base "$base" wait || die "the Veilor agent does not answer (systemctl status veilor.service)"
}

# An agent command that may not be registered yet: Karaf registers a feature's commands shortly
# after feature:install returns.
agent_ready() {
  local out rc
  for _ in $(seq 1 60); do
    rc=0
    out=$(agent "$@" 2>&1) || rc=$?
    if [ "$rc" -eq 0 ] || ! grep -q "Command not found" <<<"$out"; then
      printf '%s\n' "$out"
      return "$rc"
    fi
    sleep 1
  done
  printf '%s\n' "$out"
  return 1
}

# The value of KEY=... in the agent's 'mesh:reticulum source' answer.
value() {
  sed -n "s/^$1=//p" | tr -d '\r' | head -n 1
}

# Fails unless every installed distribution providing the RNS package came from the RetiNet
# repository (PEP 610 direct_url.json): a dependency resolved from a package index would be
# upstream RNS, which the strategy never installs.
check_retinet() {
  "$1/bin/python3" - "$2" <<'PY'
import importlib.metadata as md
import json
import sys

def norm(url):
    url = url.rstrip("/")
    return url[:-4] if url.endswith(".git") else url

wanted = norm(sys.argv[1])
providers = sorted(set(md.packages_distributions().get("RNS", [])))
if not providers:
    print("no installed distribution provides the RNS package")
    sys.exit(1)
bad = []
for name in providers:
    dist = md.distribution(name)
    text = dist.read_text("direct_url.json")
    url = json.loads(text).get("url", "") if text else ""
    if norm(url) != wanted:
        bad.append(f"{name} {dist.version} came from {url or 'a package index'}")
    else:
        print(f"RNS is provided by {name} {dist.version} from {url}")
if bad:
    print("not from the RetiNet repository: " + "; ".join(bad))
    sys.exit(1)
PY
}

install_retinet() {
  wait_for_agent
  say "Opting this node in to Reticulum (feature veilor-reticulum)..."
  agent "feature:install veilor-reticulum" >/dev/null || die "the agent could not install the feature veilor-reticulum"
  local answer
  if ! answer=$(agent_ready "mesh:reticulum source"); then
    printf '%s\n' "$answer" >&2
    die "refusing to install: the node profile names no RetiNet source (PID org.veilor.mesh.reticulum:" \
      "retinetRepository, retinetVersion). Reticulum is installed only from the RetiNet fork."
  fi
  local repo version sb_repo sb_version
  repo=$(value retinet.repository <<<"$answer")
  version=$(value retinet.version <<<"$answer")
  sb_repo=$(value sideband.repository <<<"$answer")
  sb_version=$(value sideband.version <<<"$answer")
  if [ -z "$repo" ] || [ -z "$version" ]; then
    die "the agent named no RetiNet repository and version; refusing to install"
  fi

  if systemctl is-active --quiet rnsd.service; then
    die "rnsd is running: stop it first (mesh:reticulum stop), then install again"
  fi
  [ -x "$python" ] || die "no Python at $python"

  local dir
  dir="$prefix/${version//[^A-Za-z0-9._-]/_}-$(date -u +%Y%m%d%H%M%S)"
  mkdir -p "$prefix"
  chmod 755 "$prefix"
  rm -rf -- "$dir"
  say "Creating a Python environment in $dir..."
  "$python" -m venv "$dir" || die "could not create a Python environment in $dir"
  say "Installing RetiNet $version from $repo..."
  if ! "$dir/bin/python3" -m pip install --disable-pip-version-check --no-input "git+$repo@$version"; then
    rm -rf -- "$dir"
    die "pip could not install RetiNet $version from $repo"
  fi
  if [ -n "$sb_repo" ]; then
    say "Installing Sideband $sb_version from $sb_repo..."
    if ! "$dir/bin/python3" -m pip install --disable-pip-version-check --no-input "git+$sb_repo@$sb_version"; then
      rm -rf -- "$dir"
      die "pip could not install Sideband $sb_version from $sb_repo"
    fi
  else
    say "The node profile names no Sideband repository: Sideband is not installed."
  fi
  say "Checking that Reticulum comes from the RetiNet repository..."
  if ! check_retinet "$dir" "$repo"; then
    rm -rf -- "$dir"
    die "the environment holds Reticulum from somewhere else than $repo; it was removed and nothing changed"
  fi

  # Switch 'current' in one rename, then drop the environments it no longer points at.
  ln -sfn "${dir##*/}" "$prefix/current.new"
  mv -T "$prefix/current.new" "$prefix/current"
  local old
  for old in "$prefix"/*/; do
    old="${old%/}"
    [ "$old" = "$dir" ] || [ "$old" = "$prefix/current" ] || rm -rf -- "$old"
  done
  say "RetiNet is installed in $prefix/current (rnsd: $prefix/current/bin/rnsd)."

  say "Asking the agent to write the Reticulum config..."
  if ! agent "mesh:reticulum config --write"; then
    say "The agent could not write the config now (see above); it writes it again at every mesh:reticulum start."
  fi
  say ""
  say "Nothing was started. rnsd runs only on request:"
  say "  run0 $launcher --base $base client 'mesh:reticulum start'"
  say "With an RNode radio, check it first: ujust install-reticulum-rnode"
}

rnode_setup() {
  local user="${1:-}"
  [ -n "$user" ] || die "rnode needs the user who will use the radios"
  id "$user" >/dev/null 2>&1 || die "there is no user $user"
  getent group "$rnode_group" >/dev/null \
    || die "there is no $rnode_group group (systemd-sysusers creates it at boot from the RNode bundle's sysusers.d file)"
  if id -nG "$user" | tr ' ' '\n' | grep -qx "$rnode_group"; then
    say "$user is in the $rnode_group group already."
  else
    # On an atomic OS a system group may live only in /usr/lib/group (nss-altfiles), which usermod
    # cannot change: copy its line to /etc/group first.
    if ! grep -q "^$rnode_group:" "$etc_group"; then
      grep "^$rnode_group:" "$lib_group" >>"$etc_group" || die "cannot find the $rnode_group group in $etc_group or $lib_group"
    fi
    usermod -aG "$rnode_group" "$user" || die "could not add $user to the $rnode_group group"
    say "Added $user to the $rnode_group group: log out and in again for it to apply."
  fi
  wait_for_agent
  say "Checking the RNode against its configuration, field by field..."
  if ! agent_ready "mesh:reticulum check-radio"; then
    die "the RNode does not hold its configuration, or cannot be asked (see above); fix it before rnsd is first started"
  fi
}

case "${1:-}" in
  -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
[ "$(id -u)" -eq 0 ] || die "run as root (ujust asks for it)"
case "${1:-}" in
  install) install_retinet ;;
  rnode) shift; rnode_setup "$@" ;;
  *) die "usage: veilor-reticulum install | rnode USER" ;;
esac
