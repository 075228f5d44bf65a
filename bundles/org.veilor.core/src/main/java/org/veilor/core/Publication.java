package org.veilor.core;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers a service only after its provider validated its configuration.
 *
 * <p>Why not {@code @Component(service = …)}: when a DS component fails activation, SCR keeps its
 * service registered; a consumer with a mandatory reference then fails too and stays failed after
 * the provider's configuration is fixed, because no service event tells it to retry. A provider
 * that validates configuration (and so may fail activation, as DESIGN.md's rule requires)
 * publishes its service from its constructor once valid, and withdraws it in {@code @Deactivate}:
 * consumers are merely unsatisfied while it is broken and recover on their own.
 */
public final class Publication<S> implements AutoCloseable {

    private final ServiceRegistration<S> registration;

    private Publication(ServiceRegistration<S> registration) {
        this.registration = registration;
    }

    public static <S> Publication<S> publish(BundleContext context, Class<S> type, S service, Map<String, ?> properties) {
        Dictionary<String, Object> d = new Hashtable<>();
        properties.forEach(d::put);
        return new Publication<>(context.registerService(type, service, d));
    }

    public static <S> Publication<S> publish(BundleContext context, Class<S> type, S service) {
        return publish(context, type, service, Map.of());
    }

    /**
     * Replaces the service's properties, so consumers see a change without the service going away
     * (DS calls a reference's {@code updated} method; service listeners get a MODIFIED event).
     */
    public void update(Map<String, ?> properties) {
        Dictionary<String, Object> d = new Hashtable<>();
        properties.forEach(d::put);
        try {
            registration.setProperties(d);
        } catch (IllegalStateException e) {
            // already unregistered (the bundle is stopping)
        }
    }

    /** Withdraws the service; safe to call twice or after the bundle stopped. */
    @Override
    public void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already unregistered (the bundle is stopping)
        }
    }
}
