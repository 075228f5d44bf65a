package org.veilor.core.internal;

import java.util.function.UnaryOperator;
import org.osgi.framework.BundleContext;

/** Reads Karaf's folder properties from the framework, falling back to system properties. */
final class Framework {

    private Framework() {
    }

    static UnaryOperator<String> properties(BundleContext context) {
        return name -> {
            String v = context == null ? null : context.getProperty(name);
            return v != null ? v : System.getProperty(name);
        };
    }
}
