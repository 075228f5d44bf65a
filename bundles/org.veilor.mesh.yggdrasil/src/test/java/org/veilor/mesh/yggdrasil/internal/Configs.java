package org.veilor.mesh.yggdrasil.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** {@link YggdrasilConfig} values as DS would give them: the OCD defaults, with some keys set. */
final class Configs {

    private Configs() {
    }

    static YggdrasilConfig config(Map<String, Object> set) {
        Map<String, Object> values = new HashMap<>(set);
        return (YggdrasilConfig) Proxy.newProxyInstance(Configs.class.getClassLoader(), new Class<?>[] {YggdrasilConfig.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (values.containsKey(name)) {
                        return values.get(name);
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (name) {
                        case "annotationType" -> YggdrasilConfig.class;
                        case "toString" -> "YggdrasilConfig" + values;
                        case "hashCode" -> values.hashCode();
                        case "equals" -> proxy == args[0];
                        default -> throw new IllegalStateException("no value for " + name);
                    };
                });
    }

    /** A node's settings: the given peers and keys, everything else the OCD default. */
    static YggdrasilSettings settings(Map<String, Object> set) {
        return YggdrasilSettings.validate(config(set));
    }
}
