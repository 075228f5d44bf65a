package org.veilor.itests.contrib;

import org.veilor.core.FileAttrs;
import org.veilor.core.contrib.FirewallEntry;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsContribution;
import org.veilor.core.contrib.OsFile;
import org.veilor.core.contrib.PackageSet;
import org.veilor.core.contrib.PackageSource;

/**
 * A contribution as a concern bundle registers one, for ImageIT: packaged by the test into a bundle
 * of its own ({@link ItestContributionActivator}) that a feature installs and uninstalls at runtime.
 */
public class ItestContribution implements OsContribution {

    public static final String ID = "org.veilor.itest.contribution";
    public static final String PACKAGE = "veilor-itest-package";
    public static final String FILE = "/etc/veilor-itest/marker.conf";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ImageContribution contribution() {
        return ImageContribution.builder()
                .packages(PackageSet.install(PackageSource.FEDORA, PACKAGE))
                .file(OsFile.text(FILE, "contributed = yes\n", FileAttrs.PUBLIC))
                .firewall(FirewallEntry.port("veilor-tailnet", "4242/tcp"))
                .build();
    }
}
