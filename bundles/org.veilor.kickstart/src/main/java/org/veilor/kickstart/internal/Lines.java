package org.veilor.kickstart.internal;

/** Line classification shared by the parser and the renderer, so both agree on every input. */
public final class Lines {

    private Lines() {
    }

    /**
     * Whitespace as Python's {@code str.isspace} sees it (pykickstart strips lines with it), which
     * is wider than shlex's; the renderer quotes any word holding one of these.
     */
    public static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** The line without leading whitespace. */
    public static String stripLeading(String line) {
        int i = 0;
        while (i < line.length() && isSpace(line.charAt(i))) {
            i++;
        }
        return line.substring(i);
    }

    /** Blank or a comment: pykickstart skips these outside sections. */
    public static boolean isBlankOrComment(String line) {
        String s = stripLeading(line);
        return s.isEmpty() || s.charAt(0) == '#';
    }

    /** The first whitespace-separated word after leading whitespace ({@code %end}, {@code %post}). */
    public static String firstWord(String line) {
        String s = stripLeading(line);
        int i = 0;
        while (i < s.length() && !isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(0, i);
    }

    /** A word for a message: control characters shown escaped, length bounded. */
    public static String printable(String word) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < word.length() && k < 60; k++) {
            char c = word.charAt(k);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return word.length() > 60 ? sb + "…" : sb.toString();
    }
}
