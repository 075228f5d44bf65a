package org.veilor.kickstart;

/**
 * One top-level element of a kickstart, with the line it starts on (1-based): a command, a
 * section, an {@code %include}, or a comment/blank line (kept so a rendered file keeps its layout).
 */
public sealed interface KsItem permits KsCommand, KsSection, KsInclude, KsComment {

    /** The line this item starts on, 1-based, in the file it was parsed from. */
    int line();
}
