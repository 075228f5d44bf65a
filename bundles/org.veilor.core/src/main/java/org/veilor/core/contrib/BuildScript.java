package org.veilor.core.contrib;

import java.util.Objects;

/**
 * A shell script run once while the image is built ({@code files/scripts/<name>}, BlueBuild
 * {@code script} module). It should start with {@code set -euo pipefail} so a failure fails the build.
 */
public record BuildScript(String name, String content) {

    public BuildScript {
        Objects.requireNonNull(content, "content");
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]*\\.sh")) {
            throw new IllegalArgumentException("build script name must be lower-case and end in .sh: " + name);
        }
    }
}
