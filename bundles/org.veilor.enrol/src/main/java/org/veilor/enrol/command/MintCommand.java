package org.veilor.enrol.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.enrol.Enrolment;
import org.veilor.enrol.Enrolments;

/** {@code enrol:mint}: enrols a Misskey user by hand, through the same path as a signup. */
@Command(scope = "enrol", name = "mint", description = "Enrols a Misskey user by hand: the same path as a signup (key, DM with the page link); the key is never printed.")
@Service
public class MintCommand implements Action {

    @Reference(optional = true)
    Enrolments enrolments;

    @Option(name = "--user", aliases = "-u", required = true, description = "The local Misskey user name (with or without @)")
    String user;

    @Override
    public Object execute() throws Exception {
        Enrolment e = Commands.enrolments(enrolments).mint(user);
        System.out.println("Enrolment " + e.id() + " for @" + e.username() + " received; the key is minted and the DM sent in the "
                + "background (enrol:show " + e.id() + ").");
        return null;
    }
}
