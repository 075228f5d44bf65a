package org.veilor.update.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.veilor.update.UpdateReport;
import org.veilor.update.UpdateService;

/**
 * What every update:* command shares: the optional service (a command must still load where
 * updates are not configured, to say so), {@code --json}, and printing the one report it asks for.
 * Karaf injects fields of superclasses, so the subclasses hold only what differs.
 */
abstract class ReportCommand implements Action {

    @Reference(optional = true)
    UpdateService updates;

    @Option(name = "--json", aliases = "-j", description = "Print the report as JSON")
    boolean json;

    /** The one operation this command runs. */
    abstract UpdateReport run(UpdateService service) throws Exception;

    @Override
    public Object execute() throws Exception {
        Command c = getClass().getAnnotation(Command.class);
        Reports.print(run(Reports.require(updates, c.scope() + ":" + c.name())), json, System.out);
        return null;
    }
}
