package org.veilor.core.internal;

/**
 * Tells whether the Vector API (the {@code jdk.incubator.vector} module in Java 17) reaches bundles:
 * the launcher adds the module and the system bundle exports the package; bundles import it
 * optionally, so this probe is how {@code veilor:status} shows which path hashing will take.
 */
public final class VectorSupport {

    private VectorSupport() {
    }

    /** "available (256-bit int vectors)" or "not available: <why>". */
    public static String describe() {
        try {
            return "available (" + Probe.preferredBits() + "-bit vectors)";
        } catch (LinkageError e) {
            return "not available (" + e.getClass().getSimpleName() + ": start the JVM with --add-modules jdk.incubator.vector)";
        }
    }

    /** Separate class: loading it is what fails when the module is absent. */
    private static final class Probe {
        static int preferredBits() {
            return jdk.incubator.vector.IntVector.SPECIES_PREFERRED.vectorBitSize();
        }
    }
}
