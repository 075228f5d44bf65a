#!/usr/bin/bash
#
# veilor-yggdrasil-key — makes this node's Yggdrasil key, once, at first boot
# (veilor-yggdrasil-key.service). The key is made here, on the node: it is never in the image.
#
# It writes an Ed25519 private key as PKCS#8 PEM, which yggdrasil 0.5 reads through
# PrivateKeyPath (the Veilor agent inlines it for 0.4): mode 0600, owned by the service user, in a
# folder only root and the service group can enter. A key that is already there is kept, so the
# node keeps its address. Only the public key is printed (to the journal).
#
set -euo pipefail

key="${VEILOR_YGG_KEY:-/etc/yggdrasil/private.pem}"
user="${VEILOR_YGG_USER:-yggdrasil}"
group="${VEILOR_YGG_GROUP:-$user}"
dir_owner="${VEILOR_YGG_DIR_OWNER:-root}"
dir="$(dirname -- "$key")"

die() { printf 'veilor-yggdrasil-key: %s\n' "$*" >&2; exit 1; }

if [ -s "$key" ]; then
  exit 0
fi
command -v openssl >/dev/null || die "openssl is not installed; cannot make the node key"
id -u "$user" >/dev/null 2>&1 || die "the service user '$user' does not exist (systemd-sysusers makes it)"

umask 077
if [ ! -d "$dir" ]; then
  mkdir -p -- "$dir"
  chown "$dir_owner:$group" "$dir"
  chmod 0750 "$dir"
fi

# Written under a temporary name in the same folder, then renamed: a crash never leaves half a key.
tmp="$(mktemp -- "$dir/.private.pem.XXXXXXXX")"
trap 'rm -f -- "$tmp"' EXIT
openssl genpkey -algorithm ed25519 -out "$tmp" 2>/dev/null || die "openssl could not make an Ed25519 key"
chown "$user:$group" "$tmp"
chmod 0600 "$tmp"
sync -- "$tmp"
mv -f -- "$tmp" "$key"
trap - EXIT

public="$(openssl pkey -in "$key" -pubout -outform DER | tail -c 32 | od -An -v -tx1 | tr -d ' \n')"
printf 'veilor-yggdrasil-key: made the node key %s (public key %s)\n' "$key" "$public"
