package org.veilor.update.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.update.UpdateService;

/** {@code update:check}: {@code bootc upgrade --check}. */
@Command(scope = "update", name = "check", description = "Asks the registry whether the image has an update (bootc upgrade --check: the manifest and configuration only), then shows the status. Refused while the configured image is not the booted one.")
@Service
public class CheckCommand implements Action {

    @Reference(optional = true)
    UpdateService updates;

    @Option(name = "--json", aliases = "-j", description = "Print the report as JSON")
    boolean json;

    @Override
    public Object execute() throws Exception {
        Reports.print(Reports.require(updates, "update:check").check(), json, System.out);
        return null;
    }
}
