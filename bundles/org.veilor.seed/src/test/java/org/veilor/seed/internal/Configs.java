package org.veilor.seed.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * OCD instances for tests, as SCR builds them: each attribute from the map, else the OCD's own
 * default, so tests run on the same defaults as the container.
 */
final class Configs {

    private Configs() {
    }

    @SuppressWarnings("unchecked")
    static <A> A of(Class<A> ocd, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(ocd.getClassLoader(), new Class<?>[] { ocd }, (proxy, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return ocd;
                case "toString":
                    return ocd.getSimpleName() + values;
                case "hashCode":
                    return values.hashCode();
                case "equals":
                    return proxy == args[0];
                default:
                    break;
            }
            Object v = values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
            if (v == null) {
                throw new IllegalStateException(ocd.getSimpleName() + "." + method.getName() + " has no value and no default");
            }
            if (method.getReturnType() == String[].class && v instanceof String s) {
                return new String[] { s };
            }
            if (method.getReturnType() == String[].class && v instanceof java.util.List<?> l) {
                return l.stream().map(String::valueOf).toArray(String[]::new);
            }
            return v;
        });
    }
}
