package org.veilor.mesh.tailscale.internal;

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
 * The L3a runtime component (PID {@code org.veilor.mesh.tailscale}, required: the node profile
 * sets it; on the operator it stays inert). Publishes the {@link TailscaleLayer} for the
 * supervisor and the {@link Joiner} for {@code mesh:join}, only once its configuration is valid
 * (see {@link Publication}); a change applies in place.
 */
// The services are published from the constructor (see Publication); declared here for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.mesh.MeshLayer", uses = MeshLayer.class)
@Component(service = {}, configurationPid = TailscaleSettings.PID, name = TailscaleSettings.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TailscaleConfig.class)
public class TailscaleAgent {

    private final Logger logger = LoggerFactory.getLogger(TailscaleAgent.class);
    private final ConfigRule<TailscaleConfig, TailscaleSettings> rule;
    private volatile TailscaleSettings settings;
    private final Publication<MeshLayer> layer;
    private final Publication<Joiner> joiner;

    @Activate
    public TailscaleAgent(BundleContext context, @Reference Host host, @Reference ConfigStatus status,
            TailscaleConfig config) {
        this.rule = new ConfigRule<>(TailscaleSettings.PID, status, logger, TailscaleSettings::validate);
        this.settings = rule.activate(config);
        TailscaleLayer l = new TailscaleLayer(host, () -> settings);
        Joiner j = new Joiner(host, () -> settings, l);
        j.sweepStaleKeyFiles();
        this.layer = Publication.publish(context, MeshLayer.class, l);
        this.joiner = Publication.publish(context, Joiner.class, j);
    }

    @Modified
    void modified(TailscaleConfig config) {
        rule.modified(config).ifPresent(s -> {
            if (!s.loginServer().equals(settings.loginServer())) {
                logger.info("L3a login server is now {} (takes effect at the next mesh:join)", s.loginServer());
            }
            settings = s;
        });
    }

    @Deactivate
    void deactivate() {
        joiner.close();
        layer.close();
        rule.deactivated();
    }
}
