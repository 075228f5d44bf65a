package org.veilor.enrol.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.enrol.Enrolment;
import org.veilor.enrol.Enrolments;

/** {@code enrol:reissue}: a new key and DM for an enrolment; the old key is expired first. */
@Command(scope = "enrol", name = "reissue", description = "Expires an enrolment's key, then mints a new one and sends a new DM with a new link (the old link stops working).")
@Service
public class ReissueCommand implements Action {

    @Reference(optional = true)
    Enrolments enrolments;

    @Argument(index = 0, name = "id", required = true, description = "The enrolment's ID (see enrol:list)")
    @Completion(EnrolmentIdCompleter.class)
    String id;

    @Override
    public Object execute() throws Exception {
        Enrolment e = Commands.enrolments(enrolments).reissue(Commands.id(id));
        System.out.println("Enrolment " + e.id() + " (@" + e.username() + "): old key expired; generation " + e.generation()
                + " is being minted and sent (enrol:show " + e.id() + ").");
        return null;
    }
}
