package org.veilor.update.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.veilor.update}: OS updates of a node through bootc. */
@ObjectClassDefinition(name = "Veilor updates (bootc)",
        description = "The node's OS updates through bootc, the strategy's only update path: check on a schedule, stage on request (or by itself with autoStage), reboot only when asked, and roll back once when a new deployment is not healthy within the health window. Required on a node (the node profile sets it); without it the agent stays inert.")
public @interface UpdateConfig {

    @AttributeDefinition(name = "Image",
            description = "The image reference the node expects to run: registry/name:tag, no transport, no digest. The agent refuses to act while the booted image has another registry or name (that would switch images: use bootc switch by hand).")
    String image() default "ghcr.io/veilor/veilor-os:43";

    @AttributeDefinition(name = "Check interval (minutes)",
            description = "How often the agent asks the registry for an update (bootc upgrade --check: manifest and configuration only, kilobytes). 0: only on request (update:check).",
            min = "0", max = "10080")
    int checkIntervalMinutes() default 360;

    @AttributeDefinition(name = "Stage updates by themselves",
            description = "Stage an update as soon as a check finds it (bootc upgrade; it boots at the next reboot, never by itself). Off: an admin stages with update:apply (or veilor-update from v1.0).")
    boolean autoStage() default false;

    @AttributeDefinition(name = "Health window (seconds)",
            description = "After a reboot into a new deployment, veilor.service and every mesh layer must be healthy within this time (counted from the first time the agent sees the deployment booted, in each boot); otherwise the deployment is marked bad and bootc rollback runs once.",
            min = "1", max = "86400")
    int healthWindowSeconds() default 900;

    @AttributeDefinition(name = "Command timeout (seconds)",
            description = "How long bootc status, bootc upgrade --check and bootc rollback may take. bootc waits for the sysroot lock while another bootc or rpm-ostree operation holds it: a status that does not answer in time is reported as a held lock.",
            min = "1", max = "3600")
    int commandTimeoutSeconds() default 120;

    @AttributeDefinition(name = "Upgrade timeout (seconds)",
            description = "How long bootc upgrade (download and stage) may take before it is stopped; bootc stages atomically, so a stopped upgrade stages nothing.",
            min = "10", max = "86400")
    int upgradeTimeoutSeconds() default 3600;

    @AttributeDefinition(name = "Lock retry (seconds)",
            description = "When update:apply finds the sysroot lock held by another bootc operation, the agent stages again after this delay (up to 10 times).",
            min = "1", max = "86400")
    int lockRetrySeconds() default 300;

    @AttributeDefinition(name = "Run bootc through systemd-run",
            description = "Run each bootc command as a transient systemd unit (systemd-run --wait --pipe): veilor.service's sandbox (ProtectSystem, RestrictNamespaces, SystemCallFilter=@system-service) blocks the remount of /sysroot and the /boot writes bootc needs. Off only where the agent runs unconfined.")
    boolean systemdRun() default true;

    @AttributeDefinition(name = "Shipped signing key",
            description = "Host path of the image's cosign.pub as the image ships it (read-only under /usr): the key /etc/containers/policy.json must require for the image.")
    String publicKey() default "/usr/share/veilor/cosign.pub";

    @AttributeDefinition(name = "State file",
            description = "Host path where the agent keeps which deployments were healthy, the one it watches and the ones it rolled back (under /var: /etc reverts with a rollback).")
    String stateFile() default "/var/lib/veilor/update/state.json";
}
