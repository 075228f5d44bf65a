package org.veilor.headscale.internal;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.ConfigRule;
import org.veilor.core.ConfigStatus;
import org.veilor.core.Publication;

/**
 * Holds the validated tier model and key settings for the {@code headscale:*} commands. Its own
 * component on the shared PID, so a tier model still missing host addresses does not take the
 * client (and enrolment) down with it.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.headscale.internal.TierPolicyService", uses = TierPolicyService.class)
@Component(service = {}, configurationPid = ClientSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        name = "org.veilor.headscale.policy")
public class TierPolicyService {

    private final Logger logger = LoggerFactory.getLogger(TierPolicyService.class);
    private final ConfigRule<HeadscaleConfig, PolicySettings> rule;
    private final Publication<TierPolicyService> publication;
    private volatile PolicySettings settings;

    @Activate
    public TierPolicyService(BundleContext context, @Reference ConfigStatus status, HeadscaleConfig config) {
        this.rule = new ConfigRule<>("org.veilor.headscale.policy", ClientSettings.PID, status, logger, PolicySettings::validate);
        this.settings = rule.activate(config);
        this.publication = Publication.publish(context, TierPolicyService.class, this);
    }

    /** A service over fixed settings, registered nowhere (command tests). */
    public static TierPolicyService fixed(PolicySettings settings) {
        return new TierPolicyService(settings);
    }

    private TierPolicyService(PolicySettings settings) {
        this.rule = null;
        this.publication = null;
        this.settings = settings;
    }

    @Modified
    void modified(HeadscaleConfig config) {
        rule.modified(config).ifPresent(s -> settings = s);
    }

    @Deactivate
    void deactivate() {
        publication.close();
        rule.deactivated();
    }

    public PolicySettings settings() {
        return settings;
    }
}
