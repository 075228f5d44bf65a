package org.veilor.kickstart;

import java.util.List;
import java.util.Objects;

/**
 * A parsed kickstart: its top-level items in file order. {@code %include} lines are items here,
 * not expanded, so rendering gives back the same file structure.
 */
public record KickstartDocument(List<KsItem> items) {

    public KickstartDocument {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /** Every command, in order. */
    public List<KsCommand> commands() {
        return items.stream().filter(KsCommand.class::isInstance).map(KsCommand.class::cast).toList();
    }

    /** The commands with this name, in order. */
    public List<KsCommand> commands(String name) {
        return commands().stream().filter(c -> c.name().equals(name)).toList();
    }

    /** Every section, in order. */
    public List<KsSection> sections() {
        return items.stream().filter(KsSection.class::isInstance).map(KsSection.class::cast).toList();
    }

    /** The sections with this header name ({@code %post}), in order. */
    public List<KsSection> sections(String name) {
        return sections().stream().filter(s -> s.name().equals(name)).toList();
    }

    /** Every {@code %include}/{@code %ksappend}, in order. */
    public List<KsInclude> includes() {
        return items.stream().filter(KsInclude.class::isInstance).map(KsInclude.class::cast).toList();
    }
}
