package org.veilor.seed.internal;

import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.Gate;
import org.veilor.core.ReleaseGates;

/**
 * Restarts the seed bundle's gated components when the release stage crosses v0.8: SCR leaves a
 * component whose constructor refused in its failed state, and a running one would not notice the
 * stage dropping. The release gates service carries the stage as a property updated in place, so
 * the change arrives here as an {@code updated} call; failed components are retried when seeding
 * is allowed, active ones restarted (and so refused) when it is not.
 */
@Component(name = "org.veilor.seed.gate")
public class GateWatch {

    /** The components that pass {@link SeedGates} at activation. */
    static final Set<String> GATED = Set.of(SeedNodeComponent.NAME, ServiceSettings.FACTORY_PID);

    private final Logger logger = LoggerFactory.getLogger(GateWatch.class);
    private final ServiceComponentRuntime scr;
    private final Bundle bundle;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "veilor-seed-gate"));

    @Activate
    public GateWatch(@Reference ServiceComponentRuntime scr, BundleContext context) {
        this.scr = scr;
        this.bundle = context.getBundle();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, updated = "gatesUpdated")
    void bindGates(ReleaseGates gates) {
        gatesUpdated(gates);
    }

    void gatesUpdated(ReleaseGates gates) {
        boolean allowed = gates.check(Gate.SEEDING).allowed();
        worker.execute(() -> restart(allowed));
    }

    void unbindGates(ReleaseGates gates) {
        // the gated components hold a static reference: SCR stops them itself
    }

    private void restart(boolean allowed) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
            if (!GATED.contains(d.name)) {
                continue;
            }
            boolean failed = false;
            boolean active = false;
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                failed |= c.state == ComponentConfigurationDTO.FAILED_ACTIVATION;
                active |= c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED;
            }
            if (allowed ? failed : active) {
                logger.info("{}: seeding is {} now; restarting it", d.name, allowed ? "allowed" : "not allowed");
                try {
                    scr.disableComponent(d).getValue();
                    scr.enableComponent(d).getValue();
                } catch (Exception e) {
                    logger.warn("{}: cannot restart it: {}", d.name, e.getMessage());
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
    }
}
