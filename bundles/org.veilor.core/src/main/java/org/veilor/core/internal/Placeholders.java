package org.veilor.core.internal;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${karaf.data}}, {@code ${karaf.base}}, {@code ${karaf.home}}, {@code ${karaf.etc}}
 * and {@code ${env.NAME}} in configuration values, so OCD defaults can name Karaf's folders.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");

    private Placeholders() {
    }

    /**
     * @param properties looks up framework properties ({@code karaf.data} …)
     * @param env the environment
     * @throws IllegalArgumentException naming an unknown placeholder
     */
    static String expand(String value, UnaryOperator<String> properties, Map<String, String> env) {
        if (value == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.startsWith("env.")) {
                replacement = env.getOrDefault(name.substring(4), "");
            } else if (name.startsWith("karaf.")) {
                replacement = properties.apply(name);
                if (replacement == null) {
                    throw new IllegalArgumentException("unknown placeholder ${" + name + "}");
                }
            } else {
                throw new IllegalArgumentException("unknown placeholder ${" + name + "} (allowed: ${karaf.*}, ${env.*})");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
