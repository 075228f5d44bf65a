package org.veilor.itests.boot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The activator of a test-only bundle that never finishes starting: booted among the boot
 * features, it holds the boot deployment the way the first-start deadlock did, so that
 * {@code bin/veilor wait} can be shown to report a hung boot. It touches the file named by its
 * bundle's {@code Hang-Marker} header first, so the test knows the hang has begun.
 */
public class HangingActivator implements BundleActivator {

    private final CountDownLatch never = new CountDownLatch(1);

    @Override
    public void start(BundleContext context) throws Exception {
        Files.writeString(Path.of(context.getBundle().getHeaders().get("Hang-Marker")), "hanging\n");
        never.await();
    }

    @Override
    public void stop(BundleContext context) {
        never.countDown();
    }
}
