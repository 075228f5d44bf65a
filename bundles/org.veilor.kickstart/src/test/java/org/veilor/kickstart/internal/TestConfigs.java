package org.veilor.kickstart.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link KickstartConfig} with the OCD's own defaults, some overridden: tests use the real defaults. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static KickstartConfig config(Map<String, Object> overrides) {
        return (KickstartConfig) Proxy.newProxyInstance(KickstartConfig.class.getClassLoader(),
                new Class<?>[] { KickstartConfig.class }, (proxy, method, args) -> {
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> KickstartConfig.class;
                        case "hashCode" -> 0;
                        case "equals" -> proxy == args[0];
                        default -> "KickstartConfig" + overrides;
                    };
                });
    }

    public static KickstartSettings settings(Map<String, Object> overrides) {
        return KickstartSettings.validate(config(overrides));
    }
}
