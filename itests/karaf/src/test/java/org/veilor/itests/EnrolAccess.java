package org.veilor.itests;

import java.time.Instant;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.veilor.enrol.Enrolment;
import org.veilor.enrol.Enrolments;

/**
 * The Enrolments service seen through plain values. EnrolIT installs veilor-enrol at run time (Pax
 * Web cannot be installed with the boot features: the boot deploy refreshes pax-url-aether while
 * Jetty's mvn: config files are fetched), so only this class names the feature's types, and the JVM
 * loads it only once the feature is there.
 */
final class EnrolAccess {

    /** An enrolment, as the tests look at it. */
    record View(long id, String userId, String username, String origin, String state, boolean pending, int generation, String keyId,
            String keyMasked, String fingerprint, String reason, Instant receivedAt) {
    }

    private EnrolAccess() {
    }

    static List<View> list(BundleContext context) throws Exception {
        return service(context).list().stream().map(EnrolAccess::view).toList();
    }

    private static View view(Enrolment e) {
        return new View(e.id(), e.misskeyUserId(), e.username(), e.origin(), e.state().dbName(), e.state().pending(), e.generation(), e.keyId(),
                e.keyMasked(), e.keyFingerprint(), e.reason(), e.receivedAt());
    }

    private static Enrolments service(BundleContext context) throws InterruptedException {
        ServiceTracker<Enrolments, Enrolments> t = new ServiceTracker<>(context, Enrolments.class, null);
        t.open();
        try {
            Enrolments s = t.waitForService(60_000);
            if (s == null) {
                throw new AssertionError("no Enrolments service within 60 s");
            }
            return s;
        } finally {
            t.close();
        }
    }
}
