package org.veilor.enrol.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.enrol.Enrolment;
import org.veilor.enrol.Enrolments;

/** {@code enrol:retry}: tries a failed or waiting enrolment again now. */
@Command(scope = "enrol", name = "retry", description = "Tries a failed (or waiting) enrolment again now, from the step where it stopped, with a fresh count of tries.")
@Service
public class RetryCommand implements Action {

    @Reference(optional = true)
    Enrolments enrolments;

    @Argument(index = 0, name = "id", required = true, description = "The enrolment's ID (see enrol:list)")
    @Completion(EnrolmentIdCompleter.class)
    String id;

    @Override
    public Object execute() throws Exception {
        Enrolment e = Commands.enrolments(enrolments).retry(Commands.id(id));
        System.out.println("Enrolment " + e.id() + " (@" + e.username() + ") is " + e.state().dbName() + " and due now.");
        return null;
    }
}
