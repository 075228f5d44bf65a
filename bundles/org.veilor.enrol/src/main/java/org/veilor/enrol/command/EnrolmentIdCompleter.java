package org.veilor.enrol.command;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.veilor.enrol.EnrolmentException;
import org.veilor.enrol.Enrolments;

/** Completes enrolment IDs (nothing when enrolment is not running). */
@Service
public class EnrolmentIdCompleter implements Completer {

    @Reference(optional = true)
    Enrolments enrolments;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        if (enrolments != null) {
            try {
                enrolments.list().forEach(e -> ids.getStrings().add(Long.toString(e.id())));
            } catch (EnrolmentException e) {
                // completion offers nothing rather than an error
            }
        }
        return ids.complete(session, commandLine, candidates);
    }
}
