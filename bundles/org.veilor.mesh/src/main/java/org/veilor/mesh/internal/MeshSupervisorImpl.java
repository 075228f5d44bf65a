package org.veilor.mesh.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.ConfigRule;
import org.veilor.core.ConfigStatus;
import org.veilor.core.Publication;
import org.veilor.core.ReleaseGates;
import org.veilor.mesh.MeshLayer;
import org.veilor.mesh.MeshReport;
import org.veilor.mesh.MeshSupervisor;

/**
 * The {@link MeshSupervisor} component: DS glue around {@link Supervision}. Layers come and go
 * through a dynamic multiple reference; one named single-thread scheduler probes them; a new
 * layer is probed at once. Published only once its configuration is valid (see {@link Publication}).
 */
// The service is published from the constructor (see Publication); declared here for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.mesh.MeshSupervisor", uses = MeshSupervisor.class)
@Component(service = {}, configurationPid = MeshSettings.PID, name = MeshSettings.PID)
@Designate(ocd = MeshConfig.class)
public class MeshSupervisorImpl implements MeshSupervisor {

    private static final long REFRESH_TIMEOUT_SECONDS = 120;

    private final Logger logger = LoggerFactory.getLogger(MeshSupervisorImpl.class);
    private final ConfigRule<MeshConfig, MeshSettings> rule;
    private final ScheduledExecutorService scheduler;
    private final Supervision supervision;
    private final Publication<MeshSupervisor> publication;
    private volatile MeshSettings settings;
    private ScheduledFuture<?> periodic;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile EventAdmin eventAdmin;

    @Activate
    public MeshSupervisorImpl(BundleContext context, @Reference ConfigStatus status, @Reference ReleaseGates gates,
            MeshConfig config) {
        this.rule = new ConfigRule<>(MeshSettings.PID, status, logger, MeshSettings::validate);
        this.settings = rule.activate(config);
        this.supervision = new Supervision(gates, this::post, Clock.systemUTC());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "veilor-mesh-supervisor");
            t.setDaemon(true);
            return t;
        });
        schedule();
        this.publication = Publication.publish(context, MeshSupervisor.class, this);
    }

    @Modified
    synchronized void modified(MeshConfig config) {
        rule.modified(config).ifPresent(s -> {
            boolean changed = s.probeSeconds() != settings.probeSeconds();
            settings = s;
            if (changed) {
                logger.info("mesh probe period is now {} s", s.probeSeconds());
                schedule();
            }
        });
    }

    @Deactivate
    void deactivate() {
        publication.close();
        scheduler.shutdownNow();
        rule.deactivated();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addLayer(MeshLayer layer) {
        supervision.add(layer);
        submit(supervision::probeAll);
    }

    void removeLayer(MeshLayer layer) {
        supervision.remove(layer);
        submit(supervision::reassess);
    }

    private synchronized void schedule() {
        if (periodic != null) {
            periodic.cancel(false);
        }
        periodic = scheduler.scheduleWithFixedDelay(() -> guarded(supervision::probeAll), 0, settings.probeSeconds(),
                TimeUnit.SECONDS);
    }

    private void submit(Runnable work) {
        try {
            scheduler.execute(() -> guarded(work));
        } catch (RejectedExecutionException e) {
            // deactivated: nothing left to probe
        }
    }

    /** An exception escaping a periodic task would cancel it for good; report it and go on. */
    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            logger.error("mesh supervisor round failed: {}", e.getMessage(), e);
        }
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(new Event(topic, properties));
        }
    }

    @Override
    public MeshReport report() {
        return supervision.report(settings.probeSeconds());
    }

    @Override
    public MeshReport refresh() throws InterruptedException {
        Future<?> round;
        try {
            round = scheduler.submit(() -> guarded(supervision::probeAll));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the mesh supervisor is stopping");
        }
        try {
            round.get(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("probe round failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("probe round did not finish within " + REFRESH_TIMEOUT_SECONDS + " s");
        }
        return report();
    }
}
