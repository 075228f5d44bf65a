package org.veilor.image.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.veilor.core.ConfigException;

/**
 * Validated settings of PID {@code org.veilor.image}: the one validation function for it.
 *
 * @param baseTag the base image tag, already defaulted to the Fedora major
 * @param osRelease os-release keys in configured order
 * @param browserPolicy the Trivalent policy file, when configured
 */
public record ImageSettings(String registry, String namespace, String name, String description, int fedoraMajor,
        String baseImage, String baseTag, Map<String, String> osRelease, Path cosignPublicKey, Path overlay,
        Optional<Path> browserPolicy, boolean restoreSudo, boolean restoreXwayland, Path distribution,
        Path nodeProfile, Path renderFolder, int buildTimeoutMinutes) {

    public static final String PID = "org.veilor.image";

    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?");
    private static final Pattern PATH_PART = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*");
    private static final Pattern REF = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)+");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern OS_KEY = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(karaf\\.[a-z]+)}");

    /** The published image without tag: {@code ghcr.io/veilor/veilor-os}. */
    public String repository() {
        return registry + "/" + namespace + "/" + name;
    }

    /** The published image reference: {@code ghcr.io/veilor/veilor-os:43}. */
    public String reference() {
        return repository() + ":" + fedoraMajor;
    }

    public static ImageSettings validate(ImageConfig c, UnaryOperator<String> properties) {
        check(c.registry() != null && HOST.matcher(c.registry()).matches(), "registry", c.registry(),
                "must be a registry host name such as ghcr.io");
        check(c.namespace() != null && PATH_PART.matcher(c.namespace()).matches(), "namespace", c.namespace(),
                "must be a lower-case registry namespace");
        check(c.name() != null && PATH_PART.matcher(c.name()).matches(), "name", c.name(),
                "must be a lower-case image name (letters, digits, . _ -)");
        check(c.description() != null && !c.description().isBlank() && c.description().indexOf('\n') < 0,
                "description", c.description(), "must be one non-empty line");
        check(c.fedoraMajor() >= 39 && c.fedoraMajor() <= 99, "fedoraMajor", c.fedoraMajor(),
                "must be a Fedora release number (39 or later)");
        check(c.baseImage() != null && REF.matcher(c.baseImage()).matches(), "baseImage", c.baseImage(),
                "must be an OCI reference without tag or digest, e.g. ghcr.io/secureblue/kinoite-main-hardened");
        String tag = c.baseTag() == null || c.baseTag().isBlank() ? String.valueOf(c.fedoraMajor()) : c.baseTag().strip();
        check(TAG.matcher(tag).matches(), "baseTag", c.baseTag(), "not an OCI tag");
        check(!tag.matches("\\d+") || Integer.parseInt(tag) == c.fedoraMajor(), "baseTag", c.baseTag(),
                "names Fedora " + tag + " but fedoraMajor is " + c.fedoraMajor() + "; the published tag would lie");
        Map<String, String> os = osRelease(c.osRelease());
        int timeout = c.buildTimeoutMinutes();
        check(timeout >= 1 && timeout <= 24 * 60, "buildTimeoutMinutes", timeout, "must be 1 to 1440 minutes");
        String policy = c.browserPolicy() == null ? "" : c.browserPolicy().strip();
        return new ImageSettings(c.registry(), c.namespace(), c.name(), c.description().strip(), c.fedoraMajor(),
                c.baseImage(), tag, os, path("cosignPublicKey", c.cosignPublicKey(), properties),
                path("overlay", c.overlay(), properties),
                policy.isEmpty() ? Optional.empty() : Optional.of(path("browserPolicy", policy, properties)),
                c.restoreSudo(), c.restoreXwayland(), path("distribution", c.distribution(), properties),
                path("nodeProfile", c.nodeProfile(), properties), path("renderFolder", c.renderFolder(), properties),
                timeout);
    }

    private static Map<String, String> osRelease(String[] pairs) {
        Map<String, String> os = new LinkedHashMap<>();
        for (String pair : pairs == null ? new String[0] : pairs) {
            int eq = pair.indexOf('=');
            check(eq > 0, "osRelease", pair, "must be KEY=value");
            String key = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            check(OS_KEY.matcher(key).matches(), "osRelease", pair, "key must be upper case letters, digits and _");
            check(!key.equals("ID"), "osRelease", pair,
                    "changing ID breaks COPR handling in the image (BlueBuild os-release module); set NAME/PRETTY_NAME/VARIANT_ID");
            check(!value.isEmpty() && value.chars().noneMatch(ch -> ch < 0x20 || ch == '"' || ch == '\\' || ch == '`' || ch == '$'),
                    "osRelease", pair, "value must be non-empty, one line, without quotes, backslashes, $ or backticks");
            check(os.put(key, value) == null, "osRelease", pair, "key " + key + " is given twice");
        }
        check(os.containsKey("NAME") && os.containsKey("PRETTY_NAME"), "osRelease", pairs,
                "must set NAME and PRETTY_NAME (the branding)");
        return Collections.unmodifiableMap(os);
    }

    private static Path path(String key, String value, UnaryOperator<String> properties) {
        check(value != null && !value.isBlank(), key, value, "must not be empty");
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = properties.apply(m.group(1));
            check(v != null, key, value, "unknown placeholder ${" + m.group(1) + "}");
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        String expanded = sb.toString();
        check(!expanded.contains("${"), key, value, "only ${karaf.home}, ${karaf.base}, ${karaf.etc} and ${karaf.data} are expanded");
        try {
            Path p = Path.of(expanded);
            check(p.isAbsolute(), key, value, "must be an absolute path");
            return p.normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(PID, key, value, "not a path: " + e.getReason());
        }
    }

    private static void check(boolean ok, String key, Object value, String reason) {
        ConfigException.check(ok, PID, key, value, reason);
    }
}
