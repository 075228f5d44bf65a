package org.veilor.headscale.internal.rollout;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.veilor.core.Publication;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.internal.TierPolicyService;

/**
 * Policy pushes with history and keep-last-good on the operator: DS glue over a
 * {@link PolicyRollout}, on the instance database ({@code veilor.db=default}), with one named
 * thread for the watch. Published only once the history tables are migrated (see
 * {@link Publication}); until then {@code headscale:policy --push} says why.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.headscale.internal.rollout.PolicyRolloutService",
        uses = PolicyRolloutService.class)
@Component(service = {}, configurationPid = "org.veilor.headscale", configurationPolicy = ConfigurationPolicy.REQUIRE,
        name = "org.veilor.headscale.rollout")
public class PolicyRolloutService {

    private final ScheduledExecutorService executor;
    private final PolicyRollout rollout;
    private final Publication<PolicyRolloutService> publication;

    @Activate
    public PolicyRolloutService(BundleContext context, @Reference HeadscaleClient client, @Reference TierPolicyService tier,
            @Reference(target = "(veilor.db=default)") DataSource dataSource) throws IOException, SQLException {
        PolicyStore.migrate(dataSource);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "veilor-headscale-policy-watch");
            t.setDaemon(true);
            return t;
        });
        this.rollout = new PolicyRollout(client, new PolicyStore(dataSource), tier::settings, executor);
        this.publication = Publication.publish(context, PolicyRolloutService.class, this);
    }

    /** A service over a given rollout, registered nowhere (command tests). */
    public static PolicyRolloutService fixed(PolicyRollout rollout) {
        return new PolicyRolloutService(rollout);
    }

    private PolicyRolloutService(PolicyRollout rollout) {
        this.executor = null;
        this.rollout = rollout;
        this.publication = null;
    }

    /**
     * Nothing to apply: the tier model and the watch window are read from {@link TierPolicyService}
     * at each push. Declared so a configuration change does not restart this component (and cut
     * short a watch in progress).
     */
    @Modified
    void modified() {
        // see above
    }

    @Deactivate
    void deactivate() {
        publication.close();
        rollout.stop();
        executor.shutdownNow(); // a watch in progress stays "watching" in the history
    }

    public PolicyRollout rollout() {
        return rollout;
    }
}
