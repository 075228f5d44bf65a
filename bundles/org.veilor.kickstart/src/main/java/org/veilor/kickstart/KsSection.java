package org.veilor.kickstart;

import java.util.List;
import java.util.Objects;

/**
 * A section ({@code %pre}, {@code %post}, {@code %packages}, {@code %addon}, {@code %anaconda},
 * {@code %onerror}, …) closed by {@code %end}. The body is kept verbatim, line by line.
 *
 * @param line the line of the header
 * @param name the header, for example {@code %post}
 * @param args the header's arguments, unquoted
 * @param comment a comment after the header, or {@code null}
 * @param body the lines between header and {@code %end}, exactly as written
 * @param endLine the line of {@code %end}
 */
public record KsSection(int line, String name, List<String> args, String comment, List<String> body, int endLine)
        implements KsItem {

    public KsSection {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
        body = List.copyOf(body);
    }

    /** The line number of body line {@code index} (0-based). */
    public int bodyLine(int index) {
        return line + 1 + index;
    }
}
