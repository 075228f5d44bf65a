package org.veilor.core.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.BundleContext;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
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
import org.veilor.core.Publication;
import org.veilor.core.Gate;
import org.veilor.core.GateDecision;
import org.veilor.core.ReleaseGates;

/**
 * Makes sure the profile's features are installed (like openHAB's FeatureInstaller): changes only
 * enqueue, one worker compares the profile with what is installed, retries on a fixed delay, and
 * uninstalls only features it installed itself — a feature an admin installed by hand stays.
 */
// The service is published from the constructor (see Publication); declared here for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.core.internal.ProfileStatus", uses = ProfileStatus.class)
@Component(service = {}, configurationPid = ProfileSettings.PID, name = ProfileSettings.PID)
@Designate(ocd = ProfileConfig.class)
public class ProfileInstaller implements ProfileStatus {

    private static final String SEED_FEATURE = "veilor-seed";

    private final Logger logger = LoggerFactory.getLogger(ProfileInstaller.class);
    private final FeaturesService features;
    private final ReleaseGates gates;
    private final ConfigRule<ProfileConfig, ProfileSettings> rule;
    private final InstalledRecord record;
    private final ScheduledExecutorService worker;
    private volatile ProfileSettings settings;
    private volatile Map<String, String> skipped = Map.of();
    private volatile Set<String> ours = Set.of();
    private volatile String lastResult = "waiting for Karaf's boot features";
    private boolean booted;
    private ScheduledFuture<?> periodic;
    private final Publication<ProfileStatus> publication;

    @Activate
    public ProfileInstaller(BundleContext context, @Reference FeaturesService features, @Reference ReleaseGates gates,
            @Reference ConfigStatus status, ProfileConfig config) {
        this.features = features;
        this.gates = gates;
        this.rule = new ConfigRule<>(ProfileSettings.PID, status, logger, ProfileSettings::validate);
        this.settings = rule.activate(config);
        this.record = new InstalledRecord(context.getDataFile("installed-by-profile.txt") == null ? null
                : context.getDataFile("installed-by-profile.txt").toPath());
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "veilor-profile-installer"));
        this.publication = Publication.publish(context, ProfileStatus.class, this);
    }

    /**
     * Starts reconciling once Karaf's boot features are in (BootFinished): a deployment started
     * while the boot one still runs would plan against a half-installed set, reinstall boot
     * features and overlap whatever the boot stage starts. Optional and dynamic only so that the
     * resolver does not look for a capability Karaf's features bundle never declares; the
     * installer does nothing until it is bound.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindBootFinished(BootFinished bootFinished) {
        if (!booted) {
            booted = true;
            schedule();
        }
    }

    void unbindBootFinished(BootFinished bootFinished) {
        // Once booted stays booted: BootFinished only goes away when Karaf stops.
    }

    @Modified
    synchronized void modified(ProfileConfig config) {
        rule.modified(config).ifPresent(s -> {
            boolean periodChanged = s.reconcileSeconds() != settings.reconcileSeconds();
            settings = s;
            if (!booted) {
                lastResult = "waiting for Karaf's boot features";
            } else if (periodChanged) {
                schedule();
            } else {
                worker.execute(this::reconcile);
            }
        });
    }

    @Deactivate
    void deactivate() {
        publication.close();
        worker.shutdownNow();
        rule.deactivated();
    }

    private synchronized void schedule() {
        if (periodic != null) {
            periodic.cancel(false);
        }
        periodic = worker.scheduleWithFixedDelay(this::reconcile, 0, settings.reconcileSeconds(), TimeUnit.SECONDS);
    }

    /** One reconciliation; runs only on the worker thread. */
    void reconcile() {
        ProfileSettings s = settings;
        try {
            Set<String> installed = Arrays.stream(features.listInstalledFeatures()).map(Feature::getName)
                    .collect(Collectors.toSet());
            Set<String> mine = record.load();
            ProfilePlan plan = ProfilePlan.compute(s.features(), installed, mine, this::known, this::gateReason);
            skipped = plan.skipped();
            for (Map.Entry<String, String> e : plan.skipped().entrySet()) {
                logger.debug("profile {}: not installing {}: {}", s.name(), e.getKey(), e.getValue());
            }
            if (!plan.forget().isEmpty()) {
                mine.removeAll(plan.forget());
                record.save(mine);
            }
            if (!plan.toInstall().isEmpty()) {
                logger.info("profile {}: installing {}", s.name(), plan.toInstall());
                features.installFeatures(plan.toInstall(), EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
                mine.addAll(plan.toInstall());
                record.save(mine);
            }
            if (!plan.toUninstall().isEmpty()) {
                logger.info("profile {}: uninstalling {} (installed by the profile, no longer in it)", s.name(),
                        plan.toUninstall());
                features.uninstallFeatures(plan.toUninstall(), EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
                mine.removeAll(plan.toUninstall());
                record.save(mine);
            }
            ours = Set.copyOf(mine);
            lastResult = plan.skipped().isEmpty() ? "in sync"
                    : "in sync, skipped " + plan.skipped().keySet();
        } catch (Exception e) {
            lastResult = "failed, retrying in " + s.reconcileSeconds() + " s: " + e.getMessage();
            logger.warn("profile {}: cannot install its features, retrying in {} s: {}", s.name(), s.reconcileSeconds(),
                    e.getMessage());
            logger.debug("profile installer failure", e);
        }
    }

    private boolean known(String feature) {
        try {
            Feature[] found = features.getFeatures(feature);
            return found != null && found.length > 0;
        } catch (Exception e) {
            return false;
        }
    }

    private String gateReason(String feature) {
        if (SEED_FEATURE.equals(feature)) {
            GateDecision d = gates.check(Gate.SEEDING);
            return d.allowed() ? null : d.reason();
        }
        return null;
    }

    @Override
    public String profile() {
        return settings.name();
    }

    @Override
    public List<String> wanted() {
        return settings.features();
    }

    @Override
    public Set<String> installedByProfile() {
        try {
            return record.load();
        } catch (IOException e) {
            return ours;
        }
    }

    @Override
    public Map<String, String> skipped() {
        return skipped;
    }

    @Override
    public String lastResult() {
        return lastResult;
    }

    @Override
    public String reconcileNow(long timeoutMillis) {
        Future<?> f = worker.submit(this::reconcile);
        try {
            f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            return "still running: " + e.getMessage();
        }
        return lastResult;
    }
}
