package org.veilor.kickstart;

import java.util.List;
import java.util.Objects;

/**
 * A command line: {@code part / --fstype=btrfs --encrypted}. Arguments are the words after shell
 * quoting was removed; the renderer quotes them again where needed.
 *
 * @param line the line number
 * @param name the command name, as written
 * @param args the arguments, unquoted
 * @param comment the text after an unquoted {@code #} on the same line, or {@code null}
 */
public record KsCommand(int line, String name, List<String> args, String comment) implements KsItem {

    public KsCommand {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
    }

    public KsCommand(int line, String name, List<String> args) {
        this(line, name, args, null);
    }
}
