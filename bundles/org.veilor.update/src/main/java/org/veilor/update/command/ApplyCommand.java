package org.veilor.update.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.update.UpdateReport;
import org.veilor.update.UpdateService;

/** {@code update:apply [--reboot]}: {@code bootc upgrade} (with {@code --apply} when asked to reboot). */
@Command(scope = "update", name = "apply", description = "Stages the newest image (bootc upgrade); it boots at the next reboot. With --reboot, reboots into it now (bootc upgrade --apply). Refused while the configured image is not the booted one, and for an image marked bad after a rollback (unless --force). When another bootc operation holds the sysroot lock it says so and the agent stages again later.")
@Service
public class ApplyCommand extends ReportCommand {

    @Option(name = "--reboot", description = "Reboot into the new image now (bootc upgrade --apply); without it, nothing reboots")
    boolean reboot;

    @Option(name = "--force", description = "Stage the image even though it was marked bad after a rollback")
    boolean force;

    @Override
    UpdateReport run(UpdateService service) throws Exception {
        return service.apply(reboot, force);
    }
}
