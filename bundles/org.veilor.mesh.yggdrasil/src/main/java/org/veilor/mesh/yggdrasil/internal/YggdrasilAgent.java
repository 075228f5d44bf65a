package org.veilor.mesh.yggdrasil.internal;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.ConfigRule;
import org.veilor.core.ConfigStatus;
import org.veilor.core.Host;
import org.veilor.core.Publication;
import org.veilor.mesh.MeshLayer;

/**
 * The L3b runtime component (PID {@code org.veilor.mesh.yggdrasil}, required: the node profile
 * sets it; on the operator it stays inert). Publishes the {@link YggdrasilLayer} for the supervisor
 * and the {@link YggdrasilNode} for the {@code ygg:*} commands once its configuration is valid
 * (see {@link Publication}); a change applies at the next probe, which renders the config again.
 */
// The services are published from the constructor (see Publication); declared here for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.mesh.MeshLayer", uses = MeshLayer.class)
@Component(service = {}, configurationPid = YggdrasilSettings.PID, name = YggdrasilSettings.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = YggdrasilConfig.class)
public class YggdrasilAgent {

    private final Logger logger = LoggerFactory.getLogger(YggdrasilAgent.class);
    private final ConfigRule<YggdrasilConfig, YggdrasilSettings> rule;
    private volatile YggdrasilSettings settings;
    private final Publication<MeshLayer> layer;
    private final Publication<YggdrasilNode> node;

    @Activate
    public YggdrasilAgent(BundleContext context, @Reference Host host, @Reference ConfigStatus status, YggdrasilConfig config) {
        this.rule = new ConfigRule<>(YggdrasilSettings.PID, status, logger, YggdrasilSettings::validate);
        this.settings = rule.activate(config);
        settings.warnings().forEach(w -> logger.warn("{}: {}", YggdrasilSettings.PID, w));
        YggdrasilLayer l = new YggdrasilLayer(host, () -> settings);
        this.layer = Publication.publish(context, MeshLayer.class, l);
        this.node = Publication.publish(context, YggdrasilNode.class, new YggdrasilNode(host, () -> settings, l));
    }

    @Modified
    void modified(YggdrasilConfig config) {
        rule.modified(config).ifPresent(s -> {
            settings = s;
            s.warnings().forEach(w -> logger.warn("{}: {}", YggdrasilSettings.PID, w));
            logger.info("L3b settings changed; yggdrasil.conf is rendered again at the next probe");
        });
    }

    @Deactivate
    void deactivate() {
        node.close();
        layer.close();
        rule.deactivated();
    }
}
