#!/bin/bash
#
# Installs what the test suite needs on a fresh Debian bookworm machine, and starts the local
# PostgreSQL the database tests use. Idempotent: run it as often as you like (./test.sh does).
# Needs root (or sudo) for apt-get; every package comes from Debian (or npm, for just).
#
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

# Debian packages the tests use, with what for:
packages=(
  socat            # PTY pairs standing in for USB serial radios
  openssh-client   # the SSH login tests and bin/veilor client
  postgresql       # the same database tests as on H2, on a real PostgreSQL
  shellcheck       # generated shell: image build scripts, ujust recipe bodies, the mesh first-boot join script
  systemd          # systemd-analyze verify / security of contributed units (veilor.service, first-boot join)
  fontconfig       # Java2D finds fonts through it: text of the failsafe admin sheet PNG
  fonts-dejavu-core  # the fonts that text is drawn in (headless JREs ship none)
  xorriso          # kickstart: builds the bootstrap ISO (kickstart:iso) and the Fedora-shaped test ISOs
  mtools           # kickstart: edits grub.cfg inside the El Torito EFI image (efiboot.img)
  dosfstools       # kickstart tests: mkfs.vfat makes the test ISOs' EFI image
  b3sum            # the BLAKE3 reference (Rust): seed's hashes are checked against it, and benchmarked
  yggdrasil        # the real 0.4.7 daemon: L3b configs, addresses, admin socket and peering tests
  openssl          # the L3b first-boot key script makes the node's Ed25519 key with it
  python3-configobj  # reticulum tests: Debian's /usr/bin/python3 parses the rendered Reticulum config (ConfigObj)
  chromium         # the enrolment page opened in a real (headless) browser, screenshot taken
  zbar-tools       # zbarimg: the QR code in that screenshot decoded back to the key
)
# npm installs just (rust-just) below; many machines already have Node.js with npm from
# elsewhere (NodeSource), where Debian's npm package cannot be installed beside it.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test-setup: installing ${missing[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# just: the image's justfiles are parsed and format-checked by a real just, as BlueBuild's
# justfiles module does at build time. Debian bookworm has no just package; npm's rust-just ships
# the binary.
just_version=1.57.0
if ! command -v just >/dev/null 2>&1 || [ "$(just --version | awk '{print $2}')" != "$just_version" ]; then
  echo "test-setup: installing just $just_version (npm rust-just)"
  $SUDO npm install -g --no-fund --no-audit "rust-just@$just_version" >/dev/null
fi

# yggdrasil 0.5: the L3b tests run the 0.5 dialect (PrivateKeyPath, wss://) against a real 0.5
# daemon too. bookworm-backports has 0.5.12; it is unpacked into a test folder, never installed,
# so the system's 0.4.7 (above) stays. Backports get apt priority 100: nothing else upgrades to them.
ygg05_version=0.5.12-1~bpo12+1
ygg05_dir=/var/lib/veilor-test/yggdrasil-0.5
backports=/etc/apt/sources.list.d/veilor-bookworm-backports.sources
if [ "$("$ygg05_dir/usr/sbin/yggdrasil" -version 2>/dev/null | awk '/Build version/ {print $3}')" != "0.5.12" ]; then
  echo "test-setup: unpacking yggdrasil $ygg05_version (bookworm-backports) into $ygg05_dir"
  if ! apt-cache policy 2>/dev/null | grep -q 'bookworm-backports/main'; then
    # The backports archive lives beside bookworm's own on every Debian mirror: take the address
    # of the bookworm archive this machine already uses (a local mirror stays in use), never a
    # host of our own.
    debian_uri=$(apt-cache policy 2>/dev/null | awk '$3 == "bookworm/main" && $2 ~ /^(https?|file):/ {print $2; exit}')
    if [ -z "$debian_uri" ]; then
      cat >&2 <<TXT
test-setup: yggdrasil 0.5.12 comes from bookworm-backports, and apt has no Debian bookworm
  archive configured to find that from ('apt-cache policy' lists no bookworm/main).
  Add your Debian mirror's bookworm-backports, e.g. /etc/apt/sources.list.d/bookworm-backports.sources:
    Types: deb
    URIs: <your Debian mirror>
    Suites: bookworm-backports
    Components: main
    Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
  then run ./test.sh again.
TXT
      exit 1
    fi
    echo "test-setup: adding bookworm-backports from $debian_uri (the machine's bookworm archive)"
    printf '%s\n' 'Types: deb' "URIs: $debian_uri" 'Suites: bookworm-backports' \
      'Components: main' 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' | $SUDO tee "$backports" >/dev/null
    $SUDO apt-get update -qq
  fi
  download=$(mktemp -d)
  # apt fetches as its _apt user, which must be able to write there.
  chmod 755 "$download"
  if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$download"; fi
  (cd "$download" && apt-get download -qq "yggdrasil=$ygg05_version")
  $SUDO rm -rf "$ygg05_dir"
  $SUDO mkdir -p "$ygg05_dir"
  $SUDO dpkg-deb -x "$download"/yggdrasil_*.deb "$ygg05_dir"
  rm -rf "$download"
  "$ygg05_dir/usr/sbin/yggdrasil" -version
fi

# PostgreSQL: the Debian cluster, a role that may create test databases, its password in a file.
pg_dir=/var/lib/veilor-test
pw_file=$pg_dir/pg-password
pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
  $SUDO pg_createcluster "$pg_version" main >/dev/null
fi
cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
if ! pg_lsclusters -h | awk 'NR==1 {print $4}' | grep -q online; then
  # shellcheck disable=SC2086
  $SUDO pg_ctlcluster $cluster start
fi
$SUDO mkdir -p "$pg_dir"
if [ ! -s "$pw_file" ]; then
  head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | $SUDO tee "$pw_file" >/dev/null
  $SUDO chmod 644 "$pw_file"
fi
pw=$(cat "$pw_file")
for _ in $(seq 1 30); do
  as_postgres psql -qAtc 'select 1' >/dev/null 2>&1 && break
  sleep 1
done
as_postgres psql -qAt -v ON_ERROR_STOP=1 <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'veilor_test') THEN
    CREATE ROLE veilor_test LOGIN CREATEDB PASSWORD '$pw';
  ELSE
    ALTER ROLE veilor_test LOGIN CREATEDB PASSWORD '$pw';
  END IF;
END \$\$;
SQL
echo "test-setup: ready (PostgreSQL $pg_version on 127.0.0.1:5432, role veilor_test)"
