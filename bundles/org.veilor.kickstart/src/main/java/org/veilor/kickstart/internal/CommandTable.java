package org.veilor.kickstart.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Fedora 43 kickstart commands a veilor install uses, with their options as pykickstart's F43
 * handler declares them (facts: shared/specs/image-kickstart-seed-enrol.md §2; pykickstart itself
 * cannot be installed here). Other F43 commands are known by name only: they are accepted with a
 * warning that their options are not checked.
 */
public final class CommandTable {

    /** Every other command name the F43 handler knows (options not checked here). */
    public static final Set<String> OTHER_F43 = Set.of("authselect", "cdrom", "dasd", "device",
            "driverdisk", "eula", "fcoe", "group", "harddrive", "hmc", "iscsi", "iscsiname", "liveimg", "logging",
            "mediacheck", "module", "mount", "nfs", "nvdimm", "rdp", "realm", "repo", "rescue", "rhsm", "skipx",
            "snapshot", "sshpw", "syspurpose", "timesource", "updates", "url", "xconfig", "zfcp",
            "zipl", "shutdown");

    private static final Map<String, CommandSpec> TABLE = build();

    private CommandTable() {
    }

    public static Optional<CommandSpec> lookup(String name) {
        return Optional.ofNullable(TABLE.get(name));
    }

    /** Whether pykickstart's F43 handler knows the command at all. */
    public static boolean known(String name) {
        return TABLE.containsKey(name) || OTHER_F43.contains(name);
    }

    private static Map<String, CommandSpec> build() {
        Map<String, CommandSpec> t = new LinkedHashMap<>();
        // Payloads (spec §2.1, §2.2)
        put(t, new CommandSpec("ostreecontainer").required("--url").value("--transport").value("--stateroot")
                .value("--remote").flag("--no-signature-verification"));
        put(t, new CommandSpec("bootc").required("--source-imgref").value("--target-imgref").value("--stateroot"));
        put(t, new CommandSpec("ostreesetup").required("--osname").value("--remote").required("--url")
                .required("--ref").flag("--nogpg"));
        // Storage (spec §2.3)
        CommandSpec part = new CommandSpec("part").positional(1, 1, "mount point").integer("--size").flag("--grow")
                .integer("--maxsize").value("--fstype", "--type").value("--ondisk", "--ondrive")
                .value("--onpart", "--usepart").flag("--asprimary").value("--label").value("--fsoptions")
                .value("--mkfsoptions").luks().flag("--resize").flag("--noformat").flag("--recommended")
                .flag("--hibernation");
        put(t, part);
        t.put("partition", part);
        put(t, new CommandSpec("logvol").positional(1, 1, "mount point").required("--vgname").required("--name")
                .integer("--size").flag("--grow").integer("--maxsize").integer("--percent").value("--fstype")
                .value("--fsoptions").value("--mkfsoptions").value("--label").flag("--noformat")
                .flag("--useexisting").flag("--resize").flag("--thinpool").flag("--thin").value("--poolname")
                .integer("--chunksize").integer("--metadatasize").integer("--cachesize").value("--cachemode")
                .value("--cachepvs").flag("--recommended").flag("--hibernation").luks());
        put(t, new CommandSpec("volgroup").positional(1, Integer.MAX_VALUE, "name and physical volumes")
                .flag("--noformat").flag("--useexisting").integer("--pesize").integer("--reserved-space")
                .integer("--reserved-percent"));
        put(t, new CommandSpec("btrfs").positional(1, Integer.MAX_VALUE, "mount point and members").value("--data")
                .value("--metadata").value("--label").flag("--noformat").flag("--useexisting").flag("--subvol")
                .value("--name").value("--mkfsoptions"));
        put(t, new CommandSpec("raid").positional(1, Integer.MAX_VALUE, "mount point and members")
                .required("--level").required("--device").integer("--spares").value("--fstype").value("--fsoptions")
                .value("--mkfsoptions").value("--label").flag("--noformat").flag("--useexisting")
                .integer("--chunksize").luks());
        put(t, new CommandSpec("autopart").value("--type").value("--fstype").flag("--nohome").flag("--noboot")
                .flag("--noswap").flag("--nolvm").flag("--hibernation").luks());
        put(t, new CommandSpec("clearpart").flag("--all").flag("--linux").flag("--none").value("--list")
                .value("--drives").flag("--initlabel").choice("--disklabel", "gpt", "msdos").flag("--cdl")
                .oneOf("--all", "--linux", "--none", "--list"));
        put(t, new CommandSpec("zerombr"));
        put(t, new CommandSpec("reqpart").flag("--add-boot"));
        put(t, new CommandSpec("ignoredisk").value("--drives").value("--only-use").flag("--interactive")
                .oneOf("--drives", "--only-use", "--interactive"));
        put(t, new CommandSpec("bootloader").choice("--location", "mbr", "partition", "none", "boot")
                .value("--append").integer("--timeout").value("--boot-drive").secret("--password")
                .flag("--iscrypted").value("--driveorder").flag("--leavebootorder").flag("--disabled")
                .flag("--nombr").flag("--sdboot").flag("--extlinux"));
        // Localisation and network
        put(t, new CommandSpec("lang").positional(1, 1, "language").value("--addsupport"));
        put(t, new CommandSpec("keyboard").positional(0, 1, "keymap").value("--vckeymap").value("--xlayouts")
                .value("--switch"));
        put(t, new CommandSpec("timezone").positional(0, 1, "time zone").flag("--utc", "--isUtc")
                .deprecatedFlag("--nontp", "use the timesource command instead")
                .deprecatedValue("--ntpservers", "use the timesource command instead"));
        put(t, new CommandSpec("network").choice("--bootproto", "dhcp", "bootp", "static", "query", "ibft")
                .value("--device").value("--onboot").value("--ip").value("--ipv6").value("--gateway")
                .value("--ipv6gateway").value("--nameserver").value("--netmask").value("--hostname")
                .flag("--activate").flag("--no-activate").flag("--nodefroute").flag("--noipv4").flag("--noipv6")
                .flag("--nodns").integer("--mtu").value("--essid").secret("--wepkey").secret("--wpakey")
                .value("--ethtool").value("--dhcpclass").integer("--vlanid").value("--interfacename")
                .value("--bondslaves").value("--bondopts").value("--bridgeslaves").value("--bridgeopts")
                .value("--bindto").value("--ipv4-dns-search").value("--ipv6-dns-search")
                .flag("--ipv4-ignore-auto-dns").flag("--ipv6-ignore-auto-dns"));
        // Accounts
        put(t, new CommandSpec("rootpw").positional(0, 1, "password").hidePositional().flag("--iscrypted")
                .flag("--plaintext").flag("--lock").flag("--allow-ssh").oneOf("--iscrypted", "--plaintext"));
        put(t, new CommandSpec("user").required("--name").secret("--password").flag("--iscrypted")
                .flag("--plaintext").value("--groups").value("--homedir").value("--shell").integer("--uid")
                .integer("--gid").value("--gecos").flag("--lock").oneOf("--iscrypted", "--plaintext"));
        put(t, new CommandSpec("sshkey").positional(1, 1, "key").required("--username"));
        // System
        put(t, new CommandSpec("firstboot").flag("--enable", "--enabled").flag("--disable", "--disabled")
                .flag("--reconfig").oneOf("--enable", "--disable", "--reconfig"));
        put(t, new CommandSpec("selinux").flag("--enforcing").flag("--permissive").flag("--disabled")
                .oneOf("--enforcing", "--permissive", "--disabled"));
        put(t, new CommandSpec("firewall").flag("--enabled", "--enable").flag("--disabled", "--disable")
                .value("--service").value("--port").value("--trust").value("--remove-service")
                .flag("--use-system-defaults").flag("--ssh").flag("--smtp").flag("--http").flag("--ftp")
                .oneOf("--enabled", "--disabled", "--use-system-defaults"));
        put(t, new CommandSpec("services").value("--disabled").value("--enabled"));
        for (String action : new String[] { "reboot", "poweroff", "halt" }) {
            put(t, new CommandSpec(action).flag("--eject").flag("--kexec"));
        }
        put(t, new CommandSpec("text").flag("--non-interactive"));
        put(t, new CommandSpec("graphical").flag("--non-interactive"));
        put(t, new CommandSpec("cmdline"));
        return Map.copyOf(t);
    }

    private static void put(Map<String, CommandSpec> t, CommandSpec spec) {
        t.put(spec.name(), spec);
    }
}
