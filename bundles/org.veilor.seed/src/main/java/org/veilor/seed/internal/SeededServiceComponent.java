package org.veilor.seed.internal;

import java.util.Map;
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
import org.veilor.core.ReleaseGates;

/**
 * One seeded service (factory PID {@code org.veilor.seed.service}): refuses below release v0.8,
 * validates (a watched folder holding a database fails here, with the database named), and
 * publishes the settings for the seed node to follow. A valid change republishes them; the node
 * restarts that service's watcher.
 */
@Component(service = {}, configurationPid = ServiceSettings.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        name = ServiceSettings.FACTORY_PID)
@Designate(ocd = ServiceConfig.class, factory = true)
public class SeededServiceComponent {

    private final Logger logger = LoggerFactory.getLogger(SeededServiceComponent.class);
    private final BundleContext context;
    private final ConfigRule<ServiceConfig, ServiceSettings> rule;
    private volatile Publication<SeededService> publication;

    @Activate
    public SeededServiceComponent(BundleContext context, @Reference ConfigStatus status, @Reference ReleaseGates gates,
            @Reference Host host, ServiceConfig config, Map<String, Object> properties) {
        String pid = String.valueOf(properties.get("service.pid"));
        SeedGates.require(gates, status, pid);
        this.context = context;
        this.rule = new ConfigRule<>(pid, pid, status, logger, c -> ServiceSettings.validate(pid, c, host));
        this.publication = Publication.publish(context, SeededService.class, new SeededService(rule.activate(config)));
    }

    @Modified
    void modified(ServiceConfig config) {
        rule.modified(config).ifPresent(s -> {
            Publication<SeededService> old = publication;
            publication = Publication.publish(context, SeededService.class, new SeededService(s));
            old.close();
        });
    }

    @Deactivate
    void deactivate() {
        publication.close();
        rule.deactivated();
    }
}
