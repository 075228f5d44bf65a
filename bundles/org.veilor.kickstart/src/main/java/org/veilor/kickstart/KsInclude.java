package org.veilor.kickstart;

import java.util.Objects;

/**
 * An {@code %include FILE} (or {@code %ksappend URL}) line. Kept as written; the validator follows
 * it when it can read the file.
 *
 * @param line the line number
 * @param directive {@code %include} or {@code %ksappend}
 * @param path the file name or URL
 * @param comment a comment on the same line, or {@code null}
 */
public record KsInclude(int line, String directive, String path, String comment) implements KsItem {

    public KsInclude {
        Objects.requireNonNull(directive, "directive");
        Objects.requireNonNull(path, "path");
    }
}
