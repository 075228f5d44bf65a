package org.veilor.image.internal;

import org.veilor.core.FileAttrs;
import org.veilor.core.contrib.BuildScript;
import org.veilor.core.contrib.FirewallEntry;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsFile;
import org.veilor.core.contrib.PackageSet;
import org.veilor.core.contrib.PackageSource;
import org.veilor.core.contrib.UnitState;

/**
 * The Veilor node runtime in the image, laid out as DESIGN.md's node layout says: a JRE Fedora ships,
 * the distribution read-only in {@code /usr/lib/veilor} (Karaf's home), one writable base per instance
 * in {@code /var/lib/veilor/<instance>} initialised from the node profile at first start, and
 * {@code veilor.service}. The tarball and the node profile sit in {@code files/veilor/}; the install
 * script unpacks them at build time.
 */
public final class NodeRuntime {

    public static final String HOME = "/usr/lib/veilor";
    public static final String BASE = "/var/lib/veilor/node";
    public static final String UNIT = "veilor.service";
    public static final String UNIT_PATH = "/usr/lib/systemd/system/" + UNIT;
    public static final String INSTALL_SCRIPT = "veilor-node-runtime.sh";
    /** Where the tarball and the node profile sit in the tree, under {@code files/}. */
    public static final String TARBALL = "veilor/veilor.tar.gz";
    public static final String PROFILE = "veilor/node-profile";
    /** The zone the node agent's SSH port is opened in; tailscale0 is bound to it. */
    public static final String ZONE = "veilor-tailnet";
    public static final String JRE_PACKAGE = "java-21-openjdk-headless";

    private NodeRuntime() {
    }

    /** @param sshPort the node agent's SSH port, read from the node profile */
    static ImageContribution contribution(int sshPort) {
        return ImageContribution.builder()
                // ssh-keygen makes the local client key at first start (bin/veilor init)
                .packages(PackageSet.install(PackageSource.FEDORA, JRE_PACKAGE, "openssh-clients"))
                .file(OsFile.text(UNIT_PATH, unit(), FileAttrs.PUBLIC))
                .unit(UnitState.enabled(UNIT))
                .firewall(FirewallEntry.iface(ZONE, "tailscale0"))
                .firewall(FirewallEntry.port(ZONE, sshPort + "/tcp"))
                .script(new BuildScript(INSTALL_SCRIPT, installScript(sshPort)))
                .build();
    }

    /**
     * The node agent unit. It runs as root because the agent runs {@code tailscale up} and
     * {@code systemctl}; everything a root agent can give up, it gives up (see each line's reason).
     */
    static String unit() {
        return """
                # Veilor node agent: the veilor distribution in /usr/lib/veilor with the node profile, its
                # writable base in /var/lib/veilor/node (initialised at first start: etc/ from the profile and
                # a local client key generated on this machine, never carried in the image).
                [Unit]
                Description=Veilor node agent (mesh layers, first-boot join)
                Wants=network-online.target
                After=network-online.target

                [Service]
                Type=simple
                # JAVA_HOME of the Fedora JRE, found when the image was built.
                EnvironmentFile=/usr/lib/veilor/veilor.env
                ExecStartPre=/usr/lib/veilor/bin/veilor --profile node --base /var/lib/veilor/node init
                ExecStart=/usr/lib/veilor/bin/veilor --base /var/lib/veilor/node run server
                # The JVM exits 143 on SIGTERM after Karaf's orderly shutdown.
                SuccessExitStatus=143
                Restart=on-failure
                RestartSec=10s
                TimeoutStopSec=60s
                StateDirectory=veilor
                # 0711: other instances' bases sit below it (/var/lib/veilor/seed belongs to _veilor-seed,
                # which must pass through); each base is 0700 itself.
                StateDirectoryMode=0711
                UMask=0077

                # Root is needed (tailscale up, systemctl, /etc/yggdrasil); the rest is taken away.
                NoNewPrivileges=yes
                # /usr and /boot read-only; /etc stays writable for the daemon configurations it renders.
                ProtectSystem=yes
                ProtectHome=yes
                PrivateTmp=yes
                ProtectKernelModules=yes
                ProtectKernelLogs=yes
                ProtectKernelTunables=yes
                ProtectControlGroups=yes
                ProtectClock=yes
                ProtectHostname=yes
                RestrictRealtime=yes
                RestrictSUIDSGID=yes
                RestrictNamespaces=yes
                LockPersonality=yes
                SystemCallArchitectures=native
                SystemCallFilter=@system-service
                RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
                # Capabilities a root agent never needs: no modules, raw I/O, reboot, clock, tracing,
                # MAC policy, audit or BPF. Devices stay reachable: the RNode radio driver opens serial ports.
                CapabilityBoundingSet=~CAP_SYS_MODULE CAP_SYS_RAWIO CAP_SYS_BOOT CAP_SYS_TIME CAP_SYS_PTRACE CAP_SYS_PACCT CAP_SYS_TTY_CONFIG CAP_MKNOD CAP_MAC_ADMIN CAP_MAC_OVERRIDE CAP_LINUX_IMMUTABLE CAP_AUDIT_CONTROL CAP_AUDIT_READ CAP_AUDIT_WRITE CAP_SYSLOG CAP_WAKE_ALARM CAP_BLOCK_SUSPEND CAP_LEASE CAP_BPF CAP_PERFMON CAP_IPC_LOCK
                # Not set, on purpose: MemoryDenyWriteExecute (the JVM's JIT writes code), PrivateDevices
                # (serial radios), ProtectSystem=strict (the agent writes daemon configurations in /etc).

                [Install]
                WantedBy=multi-user.target
                """;
    }

    /** The build-time install script (BlueBuild script module, root, {@code set -euo pipefail}). */
    static String installScript(int sshPort) {
        return """
                #!/usr/bin/bash
                # Installs the Veilor node runtime (BlueBuild script module, run as root while the image builds):
                # the veilor distribution unpacked read-only to /usr/lib/veilor (Karaf's home), the node profile
                # from this tree laid over its profiles/node, the JRE location for veilor.service, and the node
                # agent's SSH port closed in firewalld's default zone (it is opened only in the %ZONE% zone).
                set -euo pipefail

                # VEILOR_IMAGE_ROOT installs into a folder instead of / (tests); the build leaves it unset.
                root="${VEILOR_IMAGE_ROOT:-}"
                files="${CONFIG_DIRECTORY:-/tmp/files}"
                home="$root%HOME%"
                tarball="$files/%TARBALL%"
                profile="$files/%PROFILE%"

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
                [ -n "$java_home" ] || die "no Java 21 runtime under /usr/lib/jvm (is %JRE% installed?)"
                printf 'JAVA_HOME=%s\\n' "$java_home" >"$home/veilor.env"

                # Read-only for everyone but root; owned by root.
                chmod -R u=rwX,go=rX "$home"
                if [ "$(id -u)" -eq 0 ]; then
                  chown -R 0:0 "$home"
                fi

                # SSH listens on all addresses; only the %ZONE% zone (tailscale0) opens its port. Fedora's
                # desktop zone opens 1025-65535, so the default zone rejects the port explicitly.
                if [ -z "$root" ] && command -v firewall-offline-cmd >/dev/null; then
                  zone="$(firewall-offline-cmd --get-default-zone)"
                  if [ "$zone" != "%ZONE%" ]; then
                    firewall-offline-cmd --zone="$zone" --add-rich-rule='rule port port="%PORT%" protocol="tcp" reject'
                  fi
                fi
                echo "veilor-node-runtime: installed the veilor distribution in %HOME% (JAVA_HOME=$java_home)"
                """.replace("%HOME%", HOME).replace("%TARBALL%", TARBALL).replace("%PROFILE%", PROFILE)
                .replace("%ZONE%", ZONE).replace("%JRE%", JRE_PACKAGE).replace("%PORT%", String.valueOf(sshPort));
    }
}
