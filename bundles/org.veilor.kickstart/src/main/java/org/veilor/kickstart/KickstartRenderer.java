package org.veilor.kickstart;

import org.veilor.kickstart.internal.ShellWords;

/**
 * Writes a {@link KickstartDocument} back as kickstart text. Comments, blank lines and section
 * bodies come out exactly as parsed; command words are quoted only where needed. Parsing the
 * result gives the same document, line numbers included.
 */
public final class KickstartRenderer {

    private KickstartRenderer() {
    }

    public static String render(KickstartDocument document) {
        StringBuilder out = new StringBuilder();
        for (KsItem item : document.items()) {
            if (item instanceof KsComment c) {
                out.append(c.text()).append('\n');
            } else if (item instanceof KsCommand c) {
                out.append(ShellWords.quote(c.name()));
                words(out, c.args());
                comment(out, c.comment());
            } else if (item instanceof KsInclude inc) {
                out.append(inc.directive()).append(' ').append(ShellWords.quote(inc.path()));
                comment(out, inc.comment());
            } else if (item instanceof KsSection s) {
                out.append(s.name());
                words(out, s.args());
                comment(out, s.comment());
                for (String line : s.body()) {
                    out.append(line).append('\n');
                }
                out.append("%end\n");
            }
        }
        return out.toString();
    }

    /** Renders one command line (no newline). */
    public static String render(KsCommand command) {
        StringBuilder out = new StringBuilder(ShellWords.quote(command.name()));
        words(out, command.args());
        return out.toString();
    }

    private static void words(StringBuilder out, Iterable<String> words) {
        for (String w : words) {
            out.append(' ').append(ShellWords.quote(w));
        }
    }

    private static void comment(StringBuilder out, String comment) {
        if (comment != null) {
            out.append(" #").append(comment);
        }
        out.append('\n');
    }
}
