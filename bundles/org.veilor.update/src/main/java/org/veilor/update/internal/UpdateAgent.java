package org.veilor.update.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.ConfigRule;
import org.veilor.core.ConfigStatus;
import org.veilor.core.Host;
import org.veilor.core.Publication;
import org.veilor.core.StatusSummary;
import org.veilor.mesh.MeshSupervisor;
import org.veilor.update.UpdateReport;
import org.veilor.update.UpdateService;

/**
 * The node's update agent (PID {@code org.veilor.update}, required: the node profile sets it; on
 * the operator it stays inert). DS glue around {@link UpdateWork}: one named scheduler runs the
 * watch after each start (the rollback rule), the periodic check (and auto-stage), and the retry of
 * an apply that found the sysroot lock held. Publishes the {@link UpdateService} and the
 * {@code veilor:status} line once its configuration is valid (see {@link Publication}).
 */
// The services are published from the constructor (see Publication); declared here for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.update.UpdateService",
        uses = UpdateService.class)
@Component(service = {}, configurationPid = UpdateSettings.PID, name = UpdateSettings.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = UpdateConfig.class)
public class UpdateAgent {

    /** The first periodic check comes after at most this long, not a whole interval after each start. */
    private static final Duration FIRST_CHECK = Duration.ofMinutes(10);

    private final Logger logger = LoggerFactory.getLogger(UpdateAgent.class);
    private final ConfigRule<UpdateConfig, UpdateSettings> rule;
    private final ScheduledExecutorService scheduler;
    private final UpdateWork work;
    private final Publication<UpdateService> service;
    private final Publication<StatusSummary> summary;
    private volatile UpdateSettings settings;
    private ScheduledFuture<?> periodic;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MeshSupervisor mesh;

    @Activate
    public UpdateAgent(BundleContext context, @Reference Host host, @Reference ConfigStatus status, UpdateConfig config) {
        this.rule = new ConfigRule<>(UpdateSettings.PID, status, logger, UpdateSettings::validate);
        this.settings = rule.activate(config);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "veilor-update");
            t.setDaemon(true);
            return t;
        });
        this.work = new UpdateWork(host, () -> settings, new HealthProbe(host, () -> mesh), Clock.systemUTC(), this::later);
        this.service = Publication.publish(context, UpdateService.class, work);
        this.summary = Publication.publish(context, StatusSummary.class, new Summary(work));
        scheduler.execute(this::watch);
        schedulePeriodic();
    }

    @Modified
    synchronized void modified(UpdateConfig config) {
        rule.modified(config).ifPresent(s -> {
            boolean reschedule = !s.checkInterval().equals(settings.checkInterval());
            settings = s;
            if (reschedule) {
                schedulePeriodic();
            }
            logger.info("update settings changed");
        });
    }

    @Deactivate
    void deactivate() {
        summary.close();
        service.close();
        scheduler.shutdownNow();
        rule.deactivated();
    }

    private void watch() {
        try {
            if (work.watch()) {
                later(settings.healthPoll(), this::watch);
            }
        } catch (RuntimeException e) {
            logger.warn("the update watch failed: {}", e.getMessage());
            logger.debug("the update watch failed", e);
        }
    }

    private void check() {
        try {
            UpdateReport r = work.check();
            UpdateReport.Available a = r.available();
            if (settings.autoStage() && r.done() && a != null && !a.staged() && a.markedBad() == null) {
                logger.info("staging update {} (autoStage)", a.version() == null ? a.digest() : a.version());
                work.apply(false, false);
            }
        } catch (RuntimeException e) {
            logger.warn("the periodic update check failed: {}", e.getMessage());
            logger.debug("the periodic update check failed", e);
        }
    }

    private synchronized void schedulePeriodic() {
        if (periodic != null) {
            periodic.cancel(false);
            periodic = null;
        }
        long every = settings.checkInterval().toSeconds();
        if (every > 0) {
            long first = Math.min(every, FIRST_CHECK.toSeconds());
            periodic = scheduler.scheduleWithFixedDelay(this::check, first, every, TimeUnit.SECONDS);
        }
    }

    private void later(Duration delay, Runnable task) {
        try {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // deactivated meanwhile
        }
    }

    /** The {@code update} line of veilor:status, from the last report (no bootc call on the status thread). */
    static final class Summary implements StatusSummary {
        private final UpdateService work;

        Summary(UpdateService work) {
            this.work = work;
        }

        @Override
        public String label() {
            return "update";
        }

        @Override
        public String summary() {
            return Reports.summary(work.last());
        }
    }
}
