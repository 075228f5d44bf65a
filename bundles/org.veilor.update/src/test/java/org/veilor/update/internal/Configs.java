package org.veilor.update.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** {@link UpdateConfig} values as DS would give them: the OCD defaults, with some keys set. */
final class Configs {

    private Configs() {
    }

    static UpdateConfig config(Map<String, Object> set) {
        Map<String, Object> values = new HashMap<>(set);
        return (UpdateConfig) Proxy.newProxyInstance(Configs.class.getClassLoader(), new Class<?>[] {UpdateConfig.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (values.containsKey(name)) {
                        return values.get(name);
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (name) {
                        case "annotationType" -> UpdateConfig.class;
                        case "toString" -> "UpdateConfig" + values;
                        case "hashCode" -> values.hashCode();
                        case "equals" -> proxy == args[0];
                        default -> throw new IllegalStateException("no value for " + name);
                    };
                });
    }

    static UpdateSettings settings(Map<String, Object> set) {
        return UpdateSettings.validate(config(set));
    }
}
