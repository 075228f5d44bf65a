package org.veilor.kickstart.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.veilor.core.Finding;
import org.veilor.kickstart.KsCommand;
import org.veilor.kickstart.KsSection;

/**
 * What pykickstart's F43 handler checks (ksvalidator -v F43): the command table, per-command
 * rules, command conflicts and section options. The strategy's own rules are in {@link StrategyRules}.
 */
public final class TableChecks {

    /** The autopart types pykickstart accepts (spec §2.3: "Invalid autopart type: zfs"). */
    private static final Set<String> AUTOPART_TYPES = Set.of("lvm", "btrfs", "plain", "partition", "thinp");
    /** Transports a bootc --source-imgref must start with (spec §2.2). */
    static final List<String> IMGREF_TRANSPORTS = List.of("registry:", "containers-storage:", "oci:", "oci-archive:",
            "docker://", "dir:");
    /** Pairs of commands the F43 handler refuses together, with the command named first in its message. */
    private static final String[][] CONFLICTS = { { "ostreesetup", "ostreecontainer" }, { "ostreesetup", "bootc" },
            { "ostreecontainer", "bootc" }, { "autopart", "part" }, { "autopart", "partition" }, { "autopart", "raid" },
            { "autopart", "volgroup" }, { "autopart", "logvol" }, { "autopart", "reqpart" } };

    private TableChecks() {
    }

    /** Checks every command and section; returns the understood options of each command by item. */
    public static Map<Located, OptionChecker.Parsed> check(List<Located> items, List<Finding> out) {
        Map<Located, OptionChecker.Parsed> parsed = new HashMap<>();
        Map<String, Located> firstOf = new HashMap<>();
        for (Located l : items) {
            if (l.item() instanceof KsCommand c) {
                command(l, c, out).ifPresent(p -> parsed.put(l, p));
                conflicts(l, c, firstOf, out);
                firstOf.putIfAbsent(c.name(), l);
            } else if (l.item() instanceof KsSection s) {
                section(l, s, out);
            }
        }
        return parsed;
    }

    private static Optional<OptionChecker.Parsed> command(Located l, KsCommand c, List<Finding> out) {
        Optional<CommandSpec> spec = CommandTable.lookup(c.name());
        if (spec.isEmpty()) {
            if (CommandTable.OTHER_F43.contains(c.name())) {
                out.add(Finding.warning("kickstart.unchecked-command", c.name()
                        + " is a Fedora 43 command a veilor install does not use; its options are not checked here",
                        l.at()));
            } else {
                out.add(Finding.error("kickstart.unknown-command",
                        "Unknown command: " + Lines.printable(c.name()), l.at()));
            }
            return Optional.empty();
        }
        OptionChecker.Parsed p = OptionChecker.check(spec.get(), c.name(), c.args(), l.at(), out);
        specific(l, c, p, out);
        return Optional.of(p);
    }

    /** The per-command checks the F43 classes make beyond argparse. */
    private static void specific(Located l, KsCommand c, OptionChecker.Parsed p, List<Finding> out) {
        switch (c.name()) {
            case "autopart" -> p.value("--type").filter(t -> !AUTOPART_TYPES.contains(t)).ifPresent(t -> out.add(
                    Finding.error("kickstart.option-value", "Invalid autopart type: " + OptionChecker.shorten(t), l.at())));
            case "bootc" -> {
                p.value("--source-imgref").filter(r -> IMGREF_TRANSPORTS.stream().noneMatch(r::startsWith))
                        .ifPresent(r -> out.add(Finding.error("kickstart.option-value",
                                "bootc: --source-imgref must carry a transport, for example registry:"
                                        + OptionChecker.shorten(r), l.at())));
                p.value("--target-imgref").filter(r -> IMGREF_TRANSPORTS.stream().anyMatch(r::startsWith))
                        .ifPresent(r -> out.add(Finding.error("kickstart.option-value",
                                "bootc: --target-imgref is written without a transport", l.at())));
            }
            case "ignoredisk" -> {
                if (!p.has("--drives") && !p.has("--only-use") && !p.has("--interactive")) {
                    out.add(Finding.error("kickstart.missing-option",
                            "ignoredisk: one of --drives or --only-use must be specified", l.at()));
                }
            }
            case "services" -> {
                if (!p.has("--enabled") && !p.has("--disabled")) {
                    out.add(Finding.error("kickstart.missing-option",
                            "services: one of --disabled or --enabled must be specified", l.at()));
                }
            }
            case "keyboard" -> {
                if (p.positionals().isEmpty() && !p.has("--vckeymap") && !p.has("--xlayouts")) {
                    out.add(Finding.error("kickstart.missing-option",
                            "keyboard: one of --xlayouts, --vckeymap options with value(s) or argument is required",
                            l.at()));
                }
            }
            case "rootpw" -> {
                if (!p.has("--lock") && p.positionals().isEmpty()) {
                    out.add(Finding.error("kickstart.arguments",
                            "rootpw: a single argument is expected for the rootpw command", l.at()));
                }
            }
            default -> {
                // no further checks
            }
        }
    }

    private static void conflicts(Located l, KsCommand c, Map<String, Located> firstOf, List<Finding> out) {
        for (String[] pair : CONFLICTS) {
            String other = c.name().equals(pair[0]) ? pair[1] : c.name().equals(pair[1]) ? pair[0] : null;
            if (other != null && firstOf.containsKey(other) && !firstOf.containsKey(c.name())) {
                out.add(Finding.error("kickstart.conflict", "The " + pair[0] + " and " + pair[1]
                        + " commands can't be used at the same time (" + other + " is on line "
                        + firstOf.get(other).item().line() + ")", l.at()));
            }
        }
    }

    private static void section(Located l, KsSection s, List<Finding> out) {
        CommandSpec spec = SECTION_OPTIONS.get(s.name());
        List<String> args = s.args();
        String name = s.name();
        if (s.name().equals("%addon")) {
            if (args.isEmpty() || args.get(0).startsWith("-")) {
                out.add(Finding.error("kickstart.arguments", "%addon: missing name of the add-on", l.at()));
                return;
            }
            return; // add-on options belong to the add-on
        }
        if (spec != null) {
            OptionChecker.check(spec, name, args, l.at(), out);
        }
        if (s.name().equals("%traceback")) {
            out.add(Finding.warning("kickstart.deprecated", "%traceback is deprecated: use %onerror", l.at()));
        }
    }

    private static final Map<String, CommandSpec> SECTION_OPTIONS = Map.of(
            "%pre", script(new CommandSpec("%pre")),
            "%pre-install", script(new CommandSpec("%pre-install")),
            "%post", script(new CommandSpec("%post")).flag("--nochroot"),
            "%onerror", new CommandSpec("%onerror").value("--interpreter").value("--log"),
            "%traceback", new CommandSpec("%traceback").value("--interpreter").value("--log"),
            "%packages", new CommandSpec("%packages").flag("--default").flag("--excludedocs")
                    .flag("--ignoremissing").flag("--nocore").value("--inst-langs", "--instLangs").flag("--multilib")
                    .flag("--exclude-weakdeps", "--excludeWeakdeps").integer("--timeout").integer("--retries"),
            "%anaconda", new CommandSpec("%anaconda"));

    private static CommandSpec script(CommandSpec spec) {
        return spec.value("--interpreter").flag("--erroronfail").value("--log", "--logfile");
    }
}
