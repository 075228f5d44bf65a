package org.veilor.mesh.reticulum.internal;

import java.util.Map;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.ConfigRule;
import org.veilor.core.ConfigStatus;
import org.veilor.core.Host;
import org.veilor.core.Publication;
import org.veilor.mesh.MeshLayer;
import org.veilor.rnode.LoraRadio;

/**
 * The L3c runtime component (PID {@code org.veilor.mesh.reticulum}, required: the node profile sets
 * it; on the operator it stays inert). Publishes the {@link ReticulumLayer} for the mesh supervisor
 * and the {@link ReticulumControl} for {@code mesh:reticulum}, only once its configuration is valid
 * (see {@link Publication}); a change applies in place. It never starts rnsd by itself, and leaves
 * a running rnsd (and the port handed to it) alone when it goes away: stopping it is
 * {@code mesh:reticulum stop}.
 */
// The services are published from the constructor (see Publication); declared here for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.mesh.MeshLayer", uses = MeshLayer.class)
@Component(service = {}, configurationPid = ReticulumSettings.PID, name = ReticulumSettings.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ReticulumConfig.class)
public class ReticulumAgent {

    private final Logger logger = LoggerFactory.getLogger(ReticulumAgent.class);
    private final ConfigRule<ReticulumConfig, ReticulumSettings> rule;
    private final RadioDirectory radios = new RadioDirectory();
    private volatile ReticulumSettings settings;
    private final Publication<MeshLayer> layer;
    private final Publication<ReticulumControl> control;

    @Activate
    public ReticulumAgent(BundleContext context, @Reference Host host, @Reference ConfigStatus status, ReticulumConfig config) {
        this.rule = new ConfigRule<>(ReticulumSettings.PID, status, logger, ReticulumSettings::validate);
        this.settings = rule.activate(config);
        if (!settings.source().configured()) {
            logger.warn("{}: the RetiNet source is unset (retinetRepository, retinetVersion); ujust install-reticulum refuses to run",
                    ReticulumSettings.PID);
        }
        ReticulumControl c = new ReticulumControl(host, () -> settings, radios);
        this.control = Publication.publish(context, ReticulumControl.class, c);
        this.layer = Publication.publish(context, MeshLayer.class, new ReticulumLayer(c));
    }

    @Modified
    void modified(ReticulumConfig config) {
        rule.modified(config).ifPresent(s -> {
            if (!s.radio().equals(settings.radio())) {
                logger.info("L3c radio is now '{}' (takes effect at the next mesh:reticulum start)", s.radio());
            }
            settings = s;
        });
    }

    @Deactivate
    void deactivate() {
        layer.close();
        control.close();
        rule.deactivated();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRadio(LoraRadio radio, Map<String, Object> properties) {
        radios.add(radio, properties);
    }

    void removeRadio(LoraRadio radio) {
        radios.remove(radio);
    }
}
