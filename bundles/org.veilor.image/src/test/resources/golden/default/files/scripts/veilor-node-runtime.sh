#!/usr/bin/bash
# Installs the Veilor node runtime (BlueBuild script module, run as root while the image builds):
# the veilor distribution unpacked read-only to /usr/lib/veilor (Karaf's home), the node profile
# from this tree laid over its profiles/node, the JRE location for veilor.service, and the node
# agent's SSH port closed in firewalld's default zone (it is opened only in the veilor-tailnet zone).
set -euo pipefail

# VEILOR_IMAGE_ROOT installs into a folder instead of / (tests); the build leaves it unset.
root="${VEILOR_IMAGE_ROOT:-}"
files="${CONFIG_DIRECTORY:-/tmp/files}"
home="$root/usr/lib/veilor"
tarball="$files/veilor/veilor.tar.gz"
profile="$files/veilor/node-profile"

die() {
  echo "veilor-node-runtime: $*" >&2
  exit 1
}

[ -f "$tarball" ] || die "the veilor distribution $tarball is missing"
[ -d "$profile/etc" ] || die "the node profile $profile/etc is missing"

rm -rf "$home"
mkdir -p "$home"
tar -xzf "$tarball" -C "$home" --strip-components=1 --no-same-owner
for f in bin/veilor bin/karaf etc/config.properties system; do
  [ -e "$home/$f" ] || die "the distribution has no $f"
done
# Instance state never ships: each machine initialises its own base at first start.
rm -rf "$home/instances" "$home/data"
rm -rf "$home/profiles/node"
mkdir -p "$home/profiles"
cp -R "$profile" "$home/profiles/node"

java_home=""
for candidate in /usr/lib/jvm/jre-21-openjdk /usr/lib/jvm/java-21-openjdk /usr/lib/jvm/jre-21; do
  if [ -x "$root$candidate/bin/java" ]; then
    java_home="$candidate"
    break
  fi
done
[ -n "$java_home" ] || die "no Java 21 runtime under /usr/lib/jvm (is java-21-openjdk-headless installed?)"
printf 'JAVA_HOME=%s\n' "$java_home" >"$home/veilor.env"

# Read-only for everyone but root; owned by root.
chmod -R u=rwX,go=rX "$home"
if [ "$(id -u)" -eq 0 ]; then
  chown -R 0:0 "$home"
fi

# SSH listens on all addresses; only the veilor-tailnet zone (tailscale0) opens its port. Fedora's
# desktop zone opens 1025-65535, so the default zone rejects the port explicitly.
if [ -z "$root" ] && command -v firewall-offline-cmd >/dev/null; then
  zone="$(firewall-offline-cmd --get-default-zone)"
  if [ "$zone" != "veilor-tailnet" ]; then
    firewall-offline-cmd --zone="$zone" --add-rich-rule='rule port port="8101" protocol="tcp" reject'
  fi
fi
echo "veilor-node-runtime: installed the veilor distribution in /usr/lib/veilor (JAVA_HOME=$java_home)"
