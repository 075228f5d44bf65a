package org.veilor.kickstart.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.veilor.core.Finding;

/**
 * Checks one command line against its {@link CommandSpec} like pykickstart's argparse parser:
 * unknown or misspelled options, missing required ones, values where none belong (and missing
 * where one does), wrong integers and choices, excess positional arguments, exclusive options.
 * Secret values (passwords, passphrases) never appear in a message.
 */
public final class OptionChecker {

    private OptionChecker() {
    }

    /** What was given: options by their preferred name with their (last) value, and the positionals. */
    public record Parsed(Map<String, String> options, List<String> positionals) {

        public boolean has(String option) {
            return options.containsKey(option);
        }

        public Optional<String> value(String option) {
            return Optional.ofNullable(options.get(option));
        }
    }

    /**
     * Parses the arguments, adding findings for every problem; what could be understood is
     * returned either way (rules further on look at it).
     */
    public static Parsed check(CommandSpec spec, String name, List<String> args, String at, List<Finding> out) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean onlyPositionals = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyPositionals || !arg.startsWith("-") || arg.equals("-")) {
                positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyPositionals = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String optName = eq < 0 ? arg : arg.substring(0, eq);
            OptionSpec opt = spec.option(optName);
            if (opt == null) {
                // A password starting with '-' must not be echoed either.
                String shown = spec.secretPositional() ? "(not shown)" : shorten(optName) + suggestion(spec, optName);
                out.add(Finding.error("kickstart.unknown-option", name + ": unrecognized arguments: " + shown, at));
                continue;
            }
            if (opt.deprecated() != null) {
                out.add(Finding.warning("kickstart.deprecated",
                        name + ": " + optName + " is deprecated: " + opt.deprecated(), at));
            }
            if (!opt.takesValue()) {
                if (eq >= 0) {
                    out.add(Finding.error("kickstart.option-value",
                            name + ": argument " + optName + ": ignored explicit argument", at));
                }
                options.put(opt.name(), "");
                continue;
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !looksLikeOption(args.get(i + 1))) {
                value = args.get(++i);
            } else {
                out.add(Finding.error("kickstart.option-value",
                        name + ": argument " + optName + ": expected one argument", at));
                continue;
            }
            checkValue(name, opt, optName, value, at, out);
            options.put(opt.name(), value);
        }
        for (OptionSpec opt : spec.options()) {
            if (opt.required() && !options.containsKey(opt.name())) {
                out.add(Finding.error("kickstart.missing-option",
                        name + ": the following arguments are required: " + opt.name(), at));
            }
        }
        for (List<String> group : spec.exclusive()) {
            List<String> given = group.stream().filter(options::containsKey).toList();
            if (given.size() > 1) {
                out.add(Finding.error("kickstart.exclusive", name + ": argument " + given.get(1)
                        + ": not allowed with argument " + given.get(0), at));
            }
        }
        if (positionals.size() < spec.minPositional()) {
            out.add(Finding.error("kickstart.arguments", name + ": " + spec.positionalName() + " required", at));
        } else if (positionals.size() > spec.maxPositional()) {
            List<String> extra = positionals.subList(spec.maxPositional(), positionals.size());
            out.add(Finding.error("kickstart.arguments", name + ": unrecognized arguments: "
                    + (spec.secretPositional() ? "(" + extra.size() + " more, not shown)" : String.join(" ", shorten(extra))),
                    at));
        }
        return new Parsed(options, positionals);
    }

    private static void checkValue(String name, OptionSpec opt, String given, String value, String at,
            List<Finding> out) {
        String shown = opt.secret() ? "(not shown)" : "'" + shorten(value) + "'";
        if (opt.integer()) {
            try {
                Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                out.add(Finding.error("kickstart.option-value",
                        name + ": argument " + given + ": invalid int value: " + shown, at));
            }
        }
        if (!opt.choices().isEmpty() && !opt.choices().contains(value)) {
            out.add(Finding.error("kickstart.option-value", name + ": argument " + given + ": invalid choice: " + shown
                    + " (choose from " + String.join(", ", new TreeSet<>(opt.choices())) + ")", at));
        }
    }

    /** argparse does not take a following word that looks like an option as a value. */
    private static boolean looksLikeOption(String next) {
        return next.startsWith("-") && next.length() > 1 && !Character.isDigit(next.charAt(1));
    }

    /** " (did you mean --x?)" for a misspelled or camelCased option, else "". */
    static String suggestion(CommandSpec spec, String given) {
        String norm = normalise(given);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (OptionSpec opt : spec.options()) {
            for (String n : opt.names()) {
                if (normalise(n).equals(norm)) {
                    return " (did you mean " + n + "?)";
                }
                int d = distance(n, given);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = n;
                }
            }
        }
        return best != null && bestDistance <= Math.max(2, given.length() / 5) ? " (did you mean " + best + "?)" : "";
    }

    private static String normalise(String option) {
        return option.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 8 || a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static String shorten(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }

    static List<String> shorten(Collection<String> values) {
        return values.stream().limit(5).map(OptionChecker::shorten).toList();
    }
}
