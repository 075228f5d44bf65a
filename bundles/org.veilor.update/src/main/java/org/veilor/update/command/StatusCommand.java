package org.veilor.update.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.update.UpdateReport;
import org.veilor.update.UpdateService;

/** {@code update:status}: the deployments bootc reports, with their signature state. */
@Command(scope = "update", name = "status", description = "Shows the booted, staged and rollback deployments as bootc reports them (image, digest, version, build time, pinned, deploy serial) with the signature state of each, the update a check found, the health watch after a reboot, and findings (an unverified signature is an error).")
@Service
public class StatusCommand extends ReportCommand {

    @Override
    UpdateReport run(UpdateService service) throws Exception {
        return service.status();
    }
}
