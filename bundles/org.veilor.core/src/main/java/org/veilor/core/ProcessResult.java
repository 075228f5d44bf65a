package org.veilor.core;

import java.io.IOException;

/**
 * How a process ended.
 *
 * @param command the executable name (arguments are left out of messages on purpose)
 * @param exitCode the exit code, or -1 when killed on timeout
 * @param stdout captured standard output, up to the cap
 * @param stderr captured standard error, up to the cap
 * @param timedOut whether the timeout killed it
 * @param truncated whether either stream went over the cap
 */
public record ProcessResult(String command, int exitCode, String stdout, String stderr, boolean timedOut,
        boolean truncated) {

    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    /** Returns this result when the process succeeded, else throws with the exit code and the end of stderr. */
    public ProcessResult orThrow() throws IOException {
        if (ok()) {
            return this;
        }
        throw new IOException(describeFailure());
    }

    /** A one-line description of a failure: command, exit code or timeout, and the last stderr line. */
    public String describeFailure() {
        if (timedOut) {
            return command + " timed out and was killed";
        }
        String tail = lastLine(stderr.isBlank() ? stdout : stderr);
        return command + " exited with " + exitCode + (tail.isEmpty() ? "" : ": " + tail);
    }

    private static String lastLine(String text) {
        String t = text.strip();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1).strip();
    }
}
