package org.veilor.testsupport;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration (OCD annotation) instances for unit tests, built as SCR builds them: each
 * attribute from the map, else the OCD's own default, so tests run on the container's defaults
 * (which live only in the OCD). A value a String[] attribute gets as one String or a list is
 * converted as SCR converts it.
 */
public final class OcdValues {

    private OcdValues() {
    }

    /** An instance of the OCD type with the given attributes set and the rest at their defaults. */
    @SuppressWarnings("unchecked")
    public static <A> A of(Class<A> ocd, Map<String, ?> values) {
        Map<String, Object> copy = new HashMap<>(values);
        return (A) Proxy.newProxyInstance(ocd.getClassLoader(), new Class<?>[] {ocd}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return ocd;
                case "toString":
                    return ocd.getSimpleName() + copy;
                case "hashCode":
                    return copy.hashCode();
                case "equals":
                    return proxy == args[0];
                default:
                    break;
            }
            if (copy.containsKey(method.getName()) && copy.get(method.getName()) == null) {
                return null; // a test asking for an attribute SCR would leave unset
            }
            Object v = copy.containsKey(method.getName()) ? copy.get(method.getName()) : method.getDefaultValue();
            if (v == null) {
                throw new IllegalStateException(ocd.getSimpleName() + "." + method.getName() + " has no value and no default");
            }
            if (method.getReturnType() == String[].class && v instanceof String s) {
                return new String[] {s};
            }
            if (method.getReturnType() == String[].class && v instanceof List<?> l) {
                return l.stream().map(String::valueOf).toArray(String[]::new);
            }
            return v;
        });
    }
}
