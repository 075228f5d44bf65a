package org.veilor.mesh.reticulum.internal;

/**
 * Writes the ConfigObj (INI-like) format Reticulum reads: {@code [section]}, nested
 * {@code [[subsection]]}, {@code key = value}, {@code #} comments (mesh-radio.md §4.1). A value is
 * written bare only when ConfigObj reads it back unchanged: a {@code #} would start a comment and a
 * {@code ,} would make a list, so such values are quoted.
 */
final class ConfigObjWriter {

    private static final String BARE = "[A-Za-z0-9._/:@+~=-]+";
    private static final String NAME = "[A-Za-z0-9._: -]+";

    private final StringBuilder out = new StringBuilder();
    private int depth;

    ConfigObjWriter comment(String text) {
        return comment(depth, text);
    }

    /** A comment indented like a section of this level, to stand right above it. */
    ConfigObjWriter sectionComment(int level, String text) {
        return comment(level - 1, text);
    }

    private ConfigObjWriter comment(int indentLevel, String text) {
        for (String line : text.split("\n", -1)) {
            out.append("  ".repeat(Math.max(0, indentLevel))).append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        return this;
    }

    ConfigObjWriter blank() {
        out.append('\n');
        return this;
    }

    /** A section at a depth: 1 = {@code [name]}, 2 = {@code [[name]]}. */
    ConfigObjWriter section(int level, String name) {
        if (!name.matches(NAME) || name.strip().length() != name.length()) {
            throw new IllegalArgumentException("not a ConfigObj section name Veilor writes: '" + name + "'");
        }
        depth = level - 1;
        out.append(indent()).append("[".repeat(level)).append(name).append("]".repeat(level)).append('\n');
        depth = level;
        return this;
    }

    ConfigObjWriter value(String key, String value) {
        if (!key.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a Reticulum config key: " + key);
        }
        out.append(indent()).append(key).append(" = ").append(quote(value)).append('\n');
        return this;
    }

    ConfigObjWriter value(String key, long value) {
        return value(key, Long.toString(value));
    }

    /** Booleans as the manual writes them: {@code Yes} / {@code No}. */
    ConfigObjWriter value(String key, boolean value) {
        return value(key, value ? "Yes" : "No");
    }

    String text() {
        return out.toString();
    }

    /**
     * The value as ConfigObj reads it back: bare when safe, else in double or single quotes (ConfigObj
     * has no escapes inside quotes, so a value holding both quote characters or a line break cannot be
     * written and is refused).
     */
    static String quote(String value) {
        if (value.matches(BARE)) {
            return value;
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a ConfigObj value cannot hold a line break: " + value);
        }
        if (value.indexOf('"') < 0) {
            return "\"" + value + "\"";
        }
        if (value.indexOf('\'') < 0) {
            return "'" + value + "'";
        }
        throw new IllegalArgumentException("a ConfigObj value cannot hold both quote characters: " + value);
    }

    private String indent() {
        return "  ".repeat(Math.max(0, depth));
    }
}
