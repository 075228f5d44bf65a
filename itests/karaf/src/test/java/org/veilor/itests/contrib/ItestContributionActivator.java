package org.veilor.itests.contrib;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.veilor.core.contrib.OsContribution;

/** Registers {@link ItestContribution} while its test bundle runs. */
public class ItestContributionActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(OsContribution.class, new ItestContribution(), null);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service with the bundle
    }
}
