package org.veilor.kickstart.internal;

import java.util.List;
import java.util.Set;

/**
 * One option of a kickstart command, as pykickstart's argparse parser declares it.
 *
 * @param names the option and its aliases, first the preferred one
 * @param takesValue whether it needs a value ({@code --url=X} or {@code --url X})
 * @param required whether the command needs it
 * @param secret whether its value is a secret (never echoed in a message)
 * @param choices allowed values, or empty for any
 * @param integer whether the value must be an integer
 * @param deprecated a deprecation note, or {@code null}
 */
public record OptionSpec(List<String> names, boolean takesValue, boolean required, boolean secret, Set<String> choices,
        boolean integer, String deprecated) {

    public OptionSpec {
        names = List.copyOf(names);
        choices = Set.copyOf(choices);
    }

    public String name() {
        return names.get(0);
    }
}
