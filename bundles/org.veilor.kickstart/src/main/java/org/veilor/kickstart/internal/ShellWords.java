package org.veilor.kickstart.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one kickstart line into words the way pykickstart does: Python's {@code shlex.split(line,
 * comments=True)} in POSIX mode. Single quotes are literal; inside double quotes a backslash escapes
 * only {@code "} and {@code \}; outside quotes a backslash escapes any character; an unquoted
 * {@code #} (even inside a word) starts a comment that runs to the end of the line.
 */
public final class ShellWords {

    /** shlex's whitespace; other Unicode spaces are word characters to it. */
    private static final String WHITESPACE = " \t\r\n";

    private ShellWords() {
    }

    /**
     * The words of a line and its comment.
     *
     * @param words the words, unquoted
     * @param comment the text after the comment's {@code #}, or {@code null}
     */
    public record Split(List<String> words, String comment) {
    }

    /** A line shlex refuses; the message is shlex's own. */
    public static final class QuotingException extends Exception {
        private static final long serialVersionUID = 1L;

        QuotingException(String message) {
            super(message);
        }
    }

    public static Split split(String line) throws QuotingException {
        List<String> words = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (WHITESPACE.indexOf(c) >= 0) {
                if (inWord) {
                    words.add(token.toString());
                    token.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#') {
                if (inWord) {
                    words.add(token.toString());
                }
                return new Split(words, line.substring(i + 1));
            } else if (c == '\'') {
                inWord = true;
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new QuotingException("No closing quotation");
                }
                token.append(line, i + 1, close);
                i = close + 1;
            } else if (c == '"') {
                inWord = true;
                i = doubleQuoted(line, i + 1, token);
            } else if (c == '\\') {
                inWord = true;
                if (i + 1 >= n) {
                    throw new QuotingException("No escaped character");
                }
                token.append(line.charAt(i + 1));
                i += 2;
            } else {
                inWord = true;
                token.append(c);
                i++;
            }
        }
        if (inWord) {
            words.add(token.toString());
        }
        return new Split(words, null);
    }

    /** Reads a double-quoted part starting after the quote; returns the index after the closing quote. */
    private static int doubleQuoted(String line, int start, StringBuilder token) throws QuotingException {
        int i = start;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    // shlex reads the end of the input inside the escape first.
                    throw new QuotingException("No escaped character");
                }
                char next = line.charAt(i + 1);
                if (next != '"' && next != '\\') {
                    token.append('\\');
                }
                token.append(next);
                i += 2;
            } else {
                token.append(c);
                i++;
            }
        }
        throw new QuotingException("No closing quotation");
    }

    /**
     * Quotes a word so that {@link #split} gives it back unchanged, as a shell user would write it:
     * plain when safe, else in single quotes ({@code '} itself as {@code '\''}).
     */
    public static String quote(String word) {
        if (isPlain(word)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static boolean isPlain(String word) {
        if (word.isEmpty() || word.charAt(0) == '%') {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Lines.isSpace(c) || c == '\'' || c == '"' || c == '\\' || c == '#') {
                return false;
            }
        }
        return true;
    }
}
