package org.veilor.enrol.command;

import java.time.Instant;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.enrol.Enrolment;
import org.veilor.enrol.EnrolmentState;
import org.veilor.enrol.Enrolments;

/** {@code enrol:list}: every enrolment and its state; keys only masked, links never. */
@Command(scope = "enrol", name = "list", description = "Lists enrolments: user, state, key (masked) and its expiry, DM; never a key or a link.")
@Service
public class ListCommand implements Action {

    @Reference(optional = true)
    Enrolments enrolments;

    @Option(name = "--state", aliases = "-s", description = "Only enrolments in this state (received, minted, delivered, shown, failed, revoked)")
    @Completion(value = StringsCompleter.class, values = { "received", "minted", "delivered", "shown", "failed", "revoked" })
    String state;

    @Override
    public Object execute() throws Exception {
        EnrolmentState only = null;
        if (state != null) {
            try {
                only = EnrolmentState.valueOf(state.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--state " + state + " is not one of received, minted, delivered, shown, failed, revoked");
            }
        }
        Instant now = Instant.now();
        ShellTable table = new ShellTable();
        table.column("ID").alignRight();
        table.column("User");
        table.column("Via");
        table.column("State");
        table.column("Key");
        table.column("Expires");
        table.column("Received");
        table.column("Reason").maxSize(60);
        int n = 0;
        for (Enrolment e : Commands.enrolments(enrolments).list()) {
            if (only != null && e.state() != only) {
                continue;
            }
            n++;
            table.addRow().addContent(e.id(), "@" + e.username(), e.origin(), Commands.state(e, now), e.keyMasked() == null ? "" : e.keyMasked(),
                    Commands.date(e.keyExpiresAt()), Commands.date(e.receivedAt()), e.reason() == null ? "" : e.reason());
        }
        table.print(System.out);
        System.out.println(n + " enrolment(s).");
        return null;
    }
}
