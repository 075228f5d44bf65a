package org.veilor.seed.internal;

/**
 * A seeded service whose configuration validated, as its component publishes it (a service of this
 * bundle only); the seed node follows every one it sees.
 */
public final class SeededService {

    private final ServiceSettings settings;

    SeededService(ServiceSettings settings) {
        this.settings = settings;
    }

    ServiceSettings settings() {
        return settings;
    }
}
