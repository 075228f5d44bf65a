package org.veilor.kickstart;

import java.util.Objects;

/**
 * A comment or blank line, kept exactly as written so a rendered kickstart keeps its layout.
 *
 * @param line the line number
 * @param text the whole line
 */
public record KsComment(int line, String text) implements KsItem {

    public KsComment {
        Objects.requireNonNull(text, "text");
    }
}
