package org.veilor.rnode.internal;

import java.util.Map;
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
import org.veilor.core.Publication;
import org.veilor.rnode.LoraRadio;

/**
 * One configured radio (factory PID {@code org.veilor.rnode.radio}): validates the configuration
 * before anything touches the device, then runs a {@link ManagedRadio}, which publishes the
 * {@link LoraRadio} service while the radio is up or handed over. A node with no radio plugged in
 * keeps running: the radio is simply absent.
 */
// Published by ManagedRadio while up (see Publication); declared here for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.rnode.LoraRadio", uses = LoraRadio.class)
@Component(service = {}, configurationPid = RadioConfig.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        name = RadioConfig.FACTORY_PID)
@Designate(ocd = RadioConfig.class, factory = true)
public class RadioComponent {

    private final Logger logger = LoggerFactory.getLogger(RadioComponent.class);
    private final RNodeManager manager;
    private final ConfigRule<RadioConfig, RadioPlan> rule;
    private final ManagedRadio radio;

    @Activate
    public RadioComponent(BundleContext context, @Reference RNodeManager manager, @Reference ConfigStatus status,
            RadioConfig config, Map<String, Object> properties) {
        this.manager = manager;
        String pid = String.valueOf(properties.get("service.pid"));
        // Keyed by the configuration's PID: several radios share this component's name.
        this.rule = new ConfigRule<>(pid, pid, status, logger, c -> manager.checkUnique(RadioPlan.validate(c, pid)));
        RadioPlan plan = rule.activate(config);
        this.radio = manager.create(plan, new OsgiPublisher(context));
        manager.register(radio);
        radio.start();
    }

    @Modified
    void modified(RadioConfig config) {
        rule.modified(config).ifPresent(plan -> {
            String old = radio.name();
            radio.apply(plan);
            if (!old.equals(plan.name())) {
                manager.renamed(old, radio);
            }
        });
    }

    @Deactivate
    void deactivate() {
        radio.close();
        manager.unregister(radio);
        rule.deactivated();
    }

    /** Registers the radio as a {@link LoraRadio} with its name, port and configuration PID. */
    private static final class OsgiPublisher implements ManagedRadio.Publisher {
        private final BundleContext context;
        private Publication<LoraRadio> publication;

        OsgiPublisher(BundleContext context) {
            this.context = context;
        }

        @Override
        public synchronized void publish(ManagedRadio radio) {
            if (publication == null) {
                RadioPlan p = radio.plan();
                publication = Publication.publish(context, LoraRadio.class, radio,
                        Map.of(LoraRadio.NAME, p.name(), LoraRadio.PORT, p.port(), LoraRadio.CONFIG, p.pid()));
            }
        }

        @Override
        public synchronized void withdraw() {
            if (publication != null) {
                publication.close();
                publication = null;
            }
        }
    }
}
