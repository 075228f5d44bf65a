package org.veilor.headscale.command;

import java.io.IOException;
import java.util.Locale;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.ShellUtil;

/**
 * The operator's yes for a push that loses pairs, read from the shell session the way Karaf's own
 * commands ask ({@code Session.readLine}, "(yes/no)"); and who is pushing, for the history.
 */
final class Confirmation {

    private Confirmation() {
    }

    /**
     * Asks until "yes" or "no". A session that cannot ask (an SSH exec without terminal, end of
     * input, Ctrl-C) counts as no answer.
     *
     * @throws IllegalStateException unless the answer is yes; nothing has been pushed then
     */
    static void require(Session session, String question) {
        if (session != null) {
            for (int tries = 0; tries < 3; tries++) {
                String answer;
                try {
                    answer = session.readLine(question + " (yes/no): ", null);
                } catch (IOException | RuntimeException e) {
                    break; // not interactive (UnsupportedOperationException), end of input or interrupted (JLine's exceptions)
                }
                if (answer == null) {
                    break;
                }
                String a = answer.strip().toLowerCase(Locale.ROOT);
                if (a.equals("yes")) {
                    return;
                }
                if (a.equals("no")) {
                    throw new IllegalStateException("not confirmed: nothing was pushed");
                }
            }
        }
        throw new IllegalStateException("the push loses allowed pairs and needs a confirmation: answer yes in an interactive shell, "
                + "or give --yes; nothing was pushed");
    }

    /** The shell user (the session's login, else the JAAS subject of the calling thread). */
    static String who(Session session) {
        Object user = session == null ? null : session.get("USER");
        if (user == null) {
            user = ShellUtil.getCurrentUserName();
        }
        return user == null ? "(no shell user)" : user.toString();
    }
}
