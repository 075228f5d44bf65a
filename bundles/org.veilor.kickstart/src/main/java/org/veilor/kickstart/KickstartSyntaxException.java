package org.veilor.kickstart;

/**
 * A kickstart that cannot be parsed: the one exception the parser throws, always with the file
 * and the line (1-based) where the problem is.
 */
public class KickstartSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String problem;

    public KickstartSyntaxException(String source, int line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** The file name the text came from (for messages). */
    public String source() {
        return source;
    }

    /** The line of the problem, 1-based. */
    public int line() {
        return line;
    }

    /** The problem without the location. */
    public String problem() {
        return problem;
    }
}
