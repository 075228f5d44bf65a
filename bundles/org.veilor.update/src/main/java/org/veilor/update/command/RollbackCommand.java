package org.veilor.update.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.update.UpdateService;

/** {@code update:rollback}: {@code bootc rollback}. */
@Command(scope = "update", name = "rollback", description = "Queues the rollback deployment for the next boot (bootc rollback; a staged update is discarded) and marks the booted image bad, so it is not staged again by itself. Does not reboot.")
@Service
public class RollbackCommand implements Action {

    @Reference(optional = true)
    UpdateService updates;

    @Option(name = "--json", aliases = "-j", description = "Print the report as JSON")
    boolean json;

    @Override
    public Object execute() throws Exception {
        Reports.print(Reports.require(updates, "update:rollback").rollback(), json, System.out);
        return null;
    }
}
