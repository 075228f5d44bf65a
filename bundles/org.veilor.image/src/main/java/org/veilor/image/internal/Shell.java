package org.veilor.image.internal;

/** Quoting for the shell scripts veilor generates (single quotes; a quote inside becomes '\''). */
final class Shell {

    private Shell() {
    }

    static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./:=@%+-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
