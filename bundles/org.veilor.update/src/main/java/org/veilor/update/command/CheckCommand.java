package org.veilor.update.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.update.UpdateReport;
import org.veilor.update.UpdateService;

/** {@code update:check}: {@code bootc upgrade --check}. */
@Command(scope = "update", name = "check", description = "Asks the registry whether the image has an update (bootc upgrade --check: the manifest and configuration only), then shows the status. Refused while the configured image is not the booted one.")
@Service
public class CheckCommand extends ReportCommand {

    @Override
    UpdateReport run(UpdateService service) throws Exception {
        return service.check();
    }
}
