package org.veilor.seed.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.Servlet;
import javax.sql.DataSource;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.ConfigRule;
import org.veilor.core.ConfigStatus;
import org.veilor.core.Host;
import org.veilor.core.Publication;
import org.veilor.core.ReleaseGates;
import org.veilor.seed.BlobTransport;
import org.veilor.seed.Seeder;

/**
 * The seed node as a component (PID {@code org.veilor.seed}): refuses below release v0.8, validates
 * its configuration, starts a {@link SeedNode}, moves Karaf's HTTP service to the transport address
 * and port, and publishes the {@link Seeder} and the two servlets (transport and gateway) once all
 * of that worked. A valid change rebuilds the node in place; the services stay registered.
 */
// The Seeder is published from the constructor (see Publication); declared here for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.seed.Seeder", uses = Seeder.class)
@Component(service = {}, configurationPid = SeedSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        name = SeedNodeComponent.NAME)
@Designate(ocd = SeedConfig.class)
public class SeedNodeComponent {

    static final String NAME = "org.veilor.seed";

    private final Logger logger = LoggerFactory.getLogger(SeedNodeComponent.class);
    private final ConfigRule<SeedConfig, SeedSettings> rule;
    private final Host host;
    private final DataSource dataSource;
    private final ConfigurationAdmin configAdmin;
    private final List<BlobTransport> transports = new CopyOnWriteArrayList<>();
    private final Map<String, ServiceSettings> services = new ConcurrentHashMap<>();
    private final List<Publication<?>> publications;
    private volatile SeedNode node;

    @Activate
    public SeedNodeComponent(BundleContext context, @Reference ConfigStatus status, @Reference ReleaseGates gates,
            @Reference Host host, @Reference(target = "(veilor.db=default)") DataSource dataSource,
            @Reference ConfigurationAdmin configAdmin, SeedConfig config) throws Exception {
        SeedGates.require(gates, status, NAME);
        this.rule = new ConfigRule<>(NAME, SeedSettings.PID, status, logger, SeedSettings::validate);
        this.host = host;
        this.dataSource = dataSource;
        this.configAdmin = configAdmin;
        SeedSettings settings = rule.activate(config);
        this.node = new SeedNode(settings, host, dataSource, () -> List.copyOf(transports), Clock.systemUTC());
        try {
            HttpListener.apply(configAdmin, settings);
            this.publications = List.of(
                    Publication.publish(context, Seeder.class, new NodeSeeder(() -> node, host)),
                    Publication.publish(context, Servlet.class, new TransportServlet(() -> node), Map.of(
                            "osgi.http.whiteboard.servlet.pattern", HttpBlobTransport.PREFIX + "/*",
                            "osgi.http.whiteboard.servlet.name", "veilor-seed-transport")),
                    Publication.publish(context, Servlet.class, new GatewayServlet(() -> node), Map.of(
                            "osgi.http.whiteboard.servlet.pattern", "/seed/*",
                            "osgi.http.whiteboard.servlet.name", "veilor-seed-gateway")));
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
        logger.info("seed node {} serving on {}", node.id().toShortHex(), Addresses.format(settings.transport()));
    }

    @Modified
    void modified(SeedConfig config) {
        rule.modified(config).ifPresent(s -> {
            try {
                SeedNode fresh = new SeedNode(s, host, dataSource, () -> List.copyOf(transports), Clock.systemUTC());
                SeedNode old = node;
                old.close(); // pulls in flight pause; the new node resumes them from their verified groups
                node = fresh;
                services.values().forEach(fresh::addService);
                HttpListener.apply(configAdmin, s);
                logger.info("seed node {}: configuration applied", fresh.id().toShortHex());
            } catch (Exception e) {
                logger.warn("{}: cannot apply the new configuration: {}; still on the previous one", NAME, e.getMessage());
                logger.debug("reconfiguration failure", e);
            }
        });
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addService(SeededService s) {
        services.put(s.settings().pid(), s.settings());
        SeedNode n = node;
        if (n != null) {
            n.addService(s.settings());
        }
    }

    void removeService(SeededService s) {
        // A changed service is published anew before the old one goes: only the current one unfollows.
        if (services.remove(s.settings().pid(), s.settings())) {
            SeedNode n = node;
            if (n != null) {
                n.removeService(s.settings().pid());
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTransport(BlobTransport t) {
        transports.add(t);
    }

    void removeTransport(BlobTransport t) {
        transports.remove(t);
    }

    @Deactivate
    void deactivate() {
        publications.forEach(Publication::close);
        node.close();
        rule.deactivated();
    }
}
