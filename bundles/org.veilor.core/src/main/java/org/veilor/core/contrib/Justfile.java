package org.veilor.core.contrib;

import java.util.Objects;

/** A file of ujust recipes ({@code files/justfiles/<name>}), imported into ujust by the image. */
public record Justfile(String name, String content) {

    public Justfile {
        Objects.requireNonNull(content, "content");
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]*\\.just")) {
            throw new IllegalArgumentException("justfile name must be lower-case and end in .just: " + name);
        }
    }
}
