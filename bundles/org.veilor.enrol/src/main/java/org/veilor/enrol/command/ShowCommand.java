package org.veilor.enrol.command;

import java.io.PrintStream;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.enrol.Enrolment;
import org.veilor.enrol.Enrolments;
import org.veilor.enrol.MintAttempt;

/** {@code enrol:show}: one enrolment with its steps and mint attempts. */
@Command(scope = "enrol", name = "show", description = "Shows one enrolment: every step with its time, the key (masked) and fingerprint, the DM, and each mint attempt.")
@Service
public class ShowCommand implements Action {

    @Reference(optional = true)
    Enrolments enrolments;

    @Argument(index = 0, name = "id", required = true, description = "The enrolment's ID (see enrol:list)")
    @Completion(EnrolmentIdCompleter.class)
    String id;

    @Override
    public Object execute() throws Exception {
        long n = Commands.id(id);
        Enrolments service = Commands.enrolments(enrolments);
        Enrolment e = service.find(n).orElseThrow(() -> new IllegalArgumentException("no enrolment " + n + " (see enrol:list)"));
        PrintStream out = System.out;
        out.println("Enrolment " + e.id() + ": @" + e.username() + " (Misskey user " + e.misskeyUserId() + "), via " + e.origin()
                + ", generation " + e.generation());
        out.println("  state:       " + Commands.state(e, Instant.now()));
        out.println("  received:    " + Commands.date(e.receivedAt()));
        line(out, "minted:      ", e.mintedAt());
        line(out, "delivered:   ", e.deliveredAt());
        line(out, "shown:       ", e.shownAt());
        if (e.keyId() != null) {
            out.println("  key:         " + e.keyId() + " " + e.keyMasked() + ", expires " + Commands.date(e.keyExpiresAt()));
        }
        if (e.keyFingerprint() != null) {
            out.println("  fingerprint: " + e.keyFingerprint());
        }
        if (e.noteId() != null) {
            out.println("  DM:          note " + e.noteId());
        }
        if (e.reason() != null) {
            out.println("  reason:      " + e.reason());
        }
        ShellTable attempts = new ShellTable();
        attempts.column("Mint attempt (expiration)");
        attempts.column("Started");
        attempts.column("Outcome");
        attempts.column("Strays expired").alignRight();
        for (MintAttempt a : service.attempts(n)) {
            attempts.addRow().addContent(Commands.DATE.format(a.expiration()) + " (" + a.expiration().toEpochMilli() + ")",
                    Commands.date(a.startedAt()), a.outcome(), a.strays());
        }
        attempts.print(out);
        return null;
    }

    private static void line(PrintStream out, String label, Instant t) {
        if (t != null) {
            out.println("  " + label + Commands.date(t));
        }
    }
}
