package org.veilor.headscale.internal;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expands the {@code ${karaf.*}} placeholders allowed in file settings. */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private Placeholders() {
    }

    /**
     * @param lookup framework properties ({@code karaf.etc} …)
     * @throws IllegalArgumentException naming the placeholder when it is not a Karaf folder or has no value
     */
    static String expand(String text, UnaryOperator<String> lookup) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.matches("karaf\\.(etc|base|data|home)") ? lookup.apply(name) : null;
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder ${" + name + "} (allowed: ${karaf.etc}, ${karaf.base}, ${karaf.data}, ${karaf.home})");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
