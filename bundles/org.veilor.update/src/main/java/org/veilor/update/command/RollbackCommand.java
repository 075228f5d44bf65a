package org.veilor.update.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.update.UpdateReport;
import org.veilor.update.UpdateService;

/** {@code update:rollback}: {@code bootc rollback}. */
@Command(scope = "update", name = "rollback", description = "Queues the rollback deployment for the next boot (bootc rollback; a staged update is discarded) and marks the booted image bad, so it is not staged again by itself. Does not reboot.")
@Service
public class RollbackCommand extends ReportCommand {

    @Override
    UpdateReport run(UpdateService service) throws Exception {
        return service.rollback();
    }
}
