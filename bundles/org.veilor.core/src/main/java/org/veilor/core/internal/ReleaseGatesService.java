package org.veilor.core.internal;

import org.osgi.framework.BundleContext;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.ConfigRule;
import org.veilor.core.ConfigStatus;
import org.veilor.core.Publication;
import org.veilor.core.Gate;
import org.veilor.core.GateDecision;
import org.veilor.core.ReleaseGates;
import org.veilor.core.ReleaseStage;

/**
 * The {@link ReleaseGates} service; a changed stage applies in place, an invalid one is refused.
 * Published only once its configuration is valid (see {@link Publication}).
 */
// The service is published from the constructor (see Publication); declared here for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.core.ReleaseGates", uses = ReleaseGates.class)
@Component(service = {}, configurationPid = HostSettings.PID, name = "org.veilor.core.release")
@Designate(ocd = CoreConfig.class)
public class ReleaseGatesService implements ReleaseGates {

    private final Logger logger = LoggerFactory.getLogger(ReleaseGatesService.class);
    private final ConfigRule<CoreConfig, GateSettings> rule;
    private volatile GateSettings settings;
    private final Publication<ReleaseGates> publication;

    @Activate
    public ReleaseGatesService(BundleContext context, @Reference ConfigStatus status, CoreConfig config) {
        this.rule = new ConfigRule<>("org.veilor.core.release", HostSettings.PID, status, logger, GateSettings::validate);
        this.settings = rule.activate(config);
        this.publication = Publication.publish(context, ReleaseGates.class, this, properties(settings));
    }

    @Modified
    void modified(CoreConfig config) {
        rule.modified(config).ifPresent(s -> {
            boolean changed = s.stage() != settings.stage();
            settings = s;
            if (changed) {
                logger.info("release stage is now {}", s.stage());
                publication.update(properties(s));
            }
        });
    }

    private static java.util.Map<String, Object> properties(GateSettings s) {
        return java.util.Map.of(RELEASE_PROPERTY, s.stage().label());
    }

    @Deactivate
    void deactivate() {
        publication.close();
        rule.deactivated();
    }

    @Override
    public ReleaseStage stage() {
        return settings.stage();
    }

    @Override
    public boolean publicIso() {
        return settings.publicIso();
    }

    @Override
    public boolean guestAclBlockerFixed() {
        return settings.guestAclBlockerFixed();
    }

    @Override
    public GateDecision check(Gate gate) {
        GateSettings s = settings;
        return ReleaseGates.evaluate(gate, s.stage(), s.guestAclBlockerFixed());
    }
}
