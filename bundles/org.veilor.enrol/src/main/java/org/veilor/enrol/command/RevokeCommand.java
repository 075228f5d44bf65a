package org.veilor.enrol.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.enrol.Enrolments;

/** {@code enrol:revoke}: expires the enrolment's key, and the node that joined with it. */
@Command(scope = "enrol", name = "revoke", description = "Expires an enrolment's key in Headscale and, when a machine joined with it, that machine; the page answers 410 from then on.")
@Service
public class RevokeCommand implements Action {

    @Reference(optional = true)
    Enrolments enrolments;

    @Argument(index = 0, name = "id", required = true, description = "The enrolment's ID (see enrol:list)")
    @Completion(EnrolmentIdCompleter.class)
    String id;

    @Override
    public Object execute() throws Exception {
        Commands.enrolments(enrolments).revoke(Commands.id(id)).forEach(System.out::println);
        return null;
    }
}
