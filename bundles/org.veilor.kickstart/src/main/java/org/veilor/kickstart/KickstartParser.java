package org.veilor.kickstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.veilor.kickstart.internal.Lines;
import org.veilor.kickstart.internal.ShellWords;

/**
 * Parses the kickstart language as pykickstart reads it: one command per line with shell-style
 * quoting and comments, {@code %include}/{@code %ksappend}, and sections from their header to
 * {@code %end} with bodies kept verbatim. Line numbers on everything.
 *
 * <p>Any text either parses or fails with one {@link KickstartSyntaxException} naming the line;
 * nothing else is thrown (a property test feeds it random and mutated input).
 */
public final class KickstartParser {

    /** The section headers pykickstart knows (F43), each closed by {@code %end}. */
    public static final Set<String> SECTIONS = Set.of("%pre", "%pre-install", "%post", "%packages", "%addon",
            "%anaconda", "%onerror", "%traceback");

    private KickstartParser() {
    }

    /**
     * Parses a kickstart.
     *
     * @param text the whole file
     * @param source the file name, for messages
     * @throws KickstartSyntaxException with the line of the first problem
     */
    public static KickstartDocument parse(String text, String source) throws KickstartSyntaxException {
        List<String> lines = lines(text);
        List<KsItem> items = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String raw = lines.get(i);
            int lineNo = i + 1;
            if (Lines.isBlankOrComment(raw)) {
                items.add(new KsComment(lineNo, raw));
                i++;
                continue;
            }
            String stripped = Lines.stripLeading(raw);
            ShellWords.Split split = split(stripped, source, lineNo);
            if (split.words().isEmpty()) {
                // Only possible for unusual whitespace: treat as blank, as pykickstart does.
                items.add(new KsComment(lineNo, raw));
                i++;
                continue;
            }
            String first = split.words().get(0);
            if (stripped.charAt(0) != '%') {
                items.add(new KsCommand(lineNo, first, split.words().subList(1, split.words().size()),
                        split.comment()));
                i++;
            } else if (first.equals("%include") || first.equals("%ksappend")) {
                if (split.words().size() != 2) {
                    throw new KickstartSyntaxException(source, lineNo, first + " takes exactly one file name");
                }
                items.add(new KsInclude(lineNo, first, split.words().get(1), split.comment()));
                i++;
            } else if (first.equals("%end")) {
                throw new KickstartSyntaxException(source, lineNo, "%end does not close any section");
            } else if (SECTIONS.contains(first)) {
                i = section(lines, i, split, source, items);
            } else {
                throw new KickstartSyntaxException(source, lineNo, "Unknown kickstart section: " + Lines.printable(first));
            }
        }
        return new KickstartDocument(items);
    }

    /** Reads a section starting at {@code start}; returns the index after its {@code %end}. */
    private static int section(List<String> lines, int start, ShellWords.Split header, String source,
            List<KsItem> items) throws KickstartSyntaxException {
        String name = header.words().get(0);
        List<String> body = new ArrayList<>();
        for (int j = start + 1; j < lines.size(); j++) {
            String raw = lines.get(j);
            String word = Lines.firstWord(raw);
            if (word.equals("%end")) {
                items.add(new KsSection(start + 1, name, header.words().subList(1, header.words().size()),
                        header.comment(), body, j + 1));
                return j + 1;
            }
            if (SECTIONS.contains(word)) {
                throw new KickstartSyntaxException(source, start + 1,
                        "Section " + name + " does not end with %end (" + word + " starts on line " + (j + 1) + ")");
            }
            body.add(raw);
        }
        throw new KickstartSyntaxException(source, start + 1, "Section " + name + " does not end with %end.");
    }

    private static ShellWords.Split split(String line, String source, int lineNo) throws KickstartSyntaxException {
        try {
            return ShellWords.split(line);
        } catch (ShellWords.QuotingException e) {
            throw new KickstartSyntaxException(source, lineNo, e.getMessage());
        }
    }

    /** Lines without their terminators; a final newline does not start another line. */
    static List<String> lines(String text) {
        List<String> result = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? n : nl;
            int e = end;
            // CRLF files: pykickstart reads them too; drop carriage returns at the line end.
            while (e > start && text.charAt(e - 1) == '\r') {
                e--;
            }
            result.add(text.substring(start, e));
            start = nl < 0 ? n : nl + 1;
        }
        return result;
    }
}
