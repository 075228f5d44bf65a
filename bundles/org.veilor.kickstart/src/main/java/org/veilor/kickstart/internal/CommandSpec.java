package org.veilor.kickstart.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A kickstart command as the Fedora 43 handler accepts it: its options, how many positional
 * arguments it takes, and which options exclude each other.
 */
public final class CommandSpec {

    private final String name;
    private final Map<String, OptionSpec> options = new LinkedHashMap<>();
    private final List<OptionSpec> declared = new ArrayList<>();
    private final List<List<String>> exclusive = new ArrayList<>();
    private int minPositional;
    private int maxPositional;
    private String positionalName = "argument";
    private boolean secretPositional;

    CommandSpec(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public OptionSpec option(String optionName) {
        return options.get(optionName);
    }

    public List<OptionSpec> options() {
        return declared;
    }

    public List<List<String>> exclusive() {
        return exclusive;
    }

    public int minPositional() {
        return minPositional;
    }

    public int maxPositional() {
        return maxPositional;
    }

    public String positionalName() {
        return positionalName;
    }

    public boolean secretPositional() {
        return secretPositional;
    }

    CommandSpec flag(String... names) {
        return add(new OptionSpec(List.of(names), false, false, false, Set.of(), false, null));
    }

    CommandSpec value(String... names) {
        return add(new OptionSpec(List.of(names), true, false, false, Set.of(), false, null));
    }

    CommandSpec required(String... names) {
        return add(new OptionSpec(List.of(names), true, true, false, Set.of(), false, null));
    }

    CommandSpec secret(String... names) {
        return add(new OptionSpec(List.of(names), true, false, true, Set.of(), false, null));
    }

    CommandSpec integer(String... names) {
        return add(new OptionSpec(List.of(names), true, false, false, Set.of(), true, null));
    }

    CommandSpec choice(String optionName, String... choices) {
        return add(new OptionSpec(List.of(optionName), true, false, false, Set.of(choices), false, null));
    }

    CommandSpec deprecatedValue(String optionName, String note) {
        return add(new OptionSpec(List.of(optionName), true, false, false, Set.of(), false, note));
    }

    CommandSpec deprecatedFlag(String optionName, String note) {
        return add(new OptionSpec(List.of(optionName), false, false, false, Set.of(), false, note));
    }

    CommandSpec positional(int min, int max, String what) {
        this.minPositional = min;
        this.maxPositional = max;
        this.positionalName = what;
        return this;
    }

    CommandSpec hidePositional() {
        this.secretPositional = true;
        return this;
    }

    /** At most one of these options may be given. */
    CommandSpec oneOf(String... names) {
        exclusive.add(List.of(names));
        return this;
    }

    /** The LUKS options pykickstart gives part, logvol, raid and autopart (spec §2.3). */
    CommandSpec luks() {
        return flag("--encrypted").secret("--passphrase").value("--luks-version").value("--cipher").value("--pbkdf")
                .integer("--pbkdf-memory").integer("--pbkdf-time").integer("--pbkdf-iterations")
                .value("--escrowcert").flag("--backuppassphrase").secret("--hw-passphrase");
    }

    private CommandSpec add(OptionSpec spec) {
        declared.add(spec);
        for (String n : spec.names()) {
            options.put(n, spec);
        }
        return this;
    }
}
