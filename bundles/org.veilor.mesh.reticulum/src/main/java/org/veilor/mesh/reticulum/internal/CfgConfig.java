package org.veilor.mesh.reticulum.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.veilor.core.ConfigException;

/**
 * A {@link ReticulumConfig} read from a {@code .cfg} file's properties the way ConfigAdmin and DS
 * would give it to the component (OCD defaults for missing keys), so the release can judge the node
 * profile with the component's own validation method.
 */
final class CfgConfig {

    private CfgConfig() {
    }

    /**
     * @throws ConfigException when a value cannot be converted to its key's type
     */
    static ReticulumConfig of(Map<String, String> properties) {
        for (Method m : ReticulumConfig.class.getDeclaredMethods()) {
            String raw = properties.get(m.getName());
            if (raw != null) {
                convert(m, raw.strip());
            }
        }
        return (ReticulumConfig) Proxy.newProxyInstance(ReticulumConfig.class.getClassLoader(),
                new Class<?>[] { ReticulumConfig.class }, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "toString" -> "ReticulumConfig" + properties;
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> throw new UnsupportedOperationException(method.getName());
                        };
                    }
                    if (method.getName().equals("annotationType")) {
                        return ReticulumConfig.class;
                    }
                    String raw = properties.get(method.getName());
                    return raw == null ? method.getDefaultValue() : convert(method, raw.strip());
                });
    }

    /** Keys in the file that the OCD does not know (typos would otherwise be ignored silently). */
    static Set<String> unknownKeys(Map<String, String> properties) {
        Set<String> known = new TreeSet<>();
        Arrays.stream(ReticulumConfig.class.getDeclaredMethods()).forEach(m -> known.add(m.getName()));
        Set<String> unknown = new TreeSet<>(properties.keySet());
        unknown.removeAll(known);
        unknown.removeIf(k -> k.startsWith("service.") || k.startsWith("felix.") || k.startsWith("component."));
        return unknown;
    }

    private static Object convert(Method m, String raw) {
        Class<?> type = m.getReturnType();
        if (type == String.class) {
            return raw;
        }
        if (type == String[].class) {
            return raw.isEmpty() ? new String[0] : new String[] { raw };
        }
        if (type == boolean.class) {
            ConfigException.check(raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false"), ReticulumSettings.PID,
                    m.getName(), raw, "must be true or false");
            return Boolean.parseBoolean(raw);
        }
        if (type == int.class) {
            try {
                return Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new ConfigException(ReticulumSettings.PID, m.getName(), raw, "must be a whole number");
            }
        }
        throw new IllegalStateException("unhandled configuration type " + type + " of " + m.getName());
    }
}
