package org.veilor.enrol.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.veilor.core.ConfigException;
import org.veilor.headscale.PreAuthKeyRequest;
import org.veilor.headscale.Ttl;

/**
 * Validated settings of {@code org.veilor.enrol}: the one validation method of this PID. File
 * settings are paths only; the secrets are read from the files when used ({@link SecretFile}).
 *
 * @param misskeyUrl Misskey base URL, without trailing slash
 * @param tokenFile file of the Misskey API token
 * @param webhookSecretFile file of the webhook secret
 * @param atRestKeyFile file of the at-rest encryption key
 * @param publicUrl base URL of the pages, without trailing slash
 * @param keyTtl lifetime of a minted key
 * @param reusable whether keys are reusable
 * @param tags key tags; the first is the one keys are found by
 * @param guestUser Headscale user for servers before 0.28, or {@code null}
 * @param webhookMaxBytes size cap of a webhook body
 * @param workers parallel enrolments
 * @param maxAttempts failed tries of a step before it is marked failed
 * @param retry backoff between tries
 * @param misskeyTimeout timeout of each Misskey call
 * @param dmText DM template with {@code {link}}
 * @param newKeyHelp what a user with a used or expired page is told
 */
public record EnrolSettings(String misskeyUrl, Path tokenFile, Path webhookSecretFile, Path atRestKeyFile, String publicUrl,
        Duration keyTtl, boolean reusable, List<String> tags, String guestUser, int webhookMaxBytes, int workers, int maxAttempts,
        Backoff retry, Duration misskeyTimeout, String dmText, String newKeyHelp) {

    public static final String PID = "org.veilor.enrol";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    public EnrolSettings {
        tags = List.copyOf(tags);
    }

    /** The tag keys are found again by. */
    public String findTag() {
        return tags.get(0);
    }

    /**
     * @param properties framework properties, for {@code ${karaf.etc}} and its kin
     * @throws ConfigException naming PID, key and value
     */
    public static EnrolSettings validate(EnrolConfig c, UnaryOperator<String> properties) {
        String misskey = httpUrl("misskeyUrl", c.misskeyUrl(), false);
        String publicUrl = httpUrl("publicUrl", c.publicUrl(), true);
        Path token = file("misskeyTokenFile", c.misskeyTokenFile(), properties);
        Path secret = file("webhookSecretFile", c.webhookSecretFile(), properties);
        Path atRest = file("atRestKeyFile", c.atRestKeyFile(), properties);
        ConfigException.check(!token.equals(secret) && !token.equals(atRest) && !secret.equals(atRest), PID, "webhookSecretFile",
                c.webhookSecretFile(), "the token, webhook secret and at-rest key need three different files");
        Duration ttl = ttl(c.keyTtl());
        List<String> tags = new ArrayList<>();
        for (String t : c.keyTags() == null ? new String[0] : c.keyTags()) {
            for (String part : t.split(",")) {
                if (!part.isBlank()) {
                    try {
                        tags.add(PreAuthKeyRequest.checkTag(part.strip()));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(PID, "keyTags", c.keyTags(), e.getMessage());
                    }
                }
            }
        }
        ConfigException.check(!tags.isEmpty(), PID, "keyTags", c.keyTags(), "at least one tag is needed (keys are found again by it)");
        String guest = c.guestUser() == null || c.guestUser().isBlank() ? null : c.guestUser().strip();
        ConfigException.check(guest == null || guest.matches("[A-Za-z0-9][A-Za-z0-9._@-]*"), PID, "guestUser", c.guestUser(),
                "must be a Headscale user name (letters, digits, '.', '_', '-', '@')");
        range("webhookMaxBytes", c.webhookMaxBytes(), 1024, 1 << 20);
        range("workers", c.workers(), 1, 64);
        range("maxAttempts", c.maxAttempts(), 1, 1000);
        range("retryInitialSeconds", c.retryInitialSeconds(), 1, 3600);
        range("retryMaxSeconds", c.retryMaxSeconds(), 1, 86400);
        ConfigException.check(c.retryMaxSeconds() >= c.retryInitialSeconds(), PID, "retryMaxSeconds", c.retryMaxSeconds(),
                "must be at least retryInitialSeconds (" + c.retryInitialSeconds() + ")");
        range("misskeyTimeoutSeconds", c.misskeyTimeoutSeconds(), 1, 300);
        String dm = c.dmText() == null ? "" : c.dmText();
        ConfigException.check(dm.contains("{link}"), PID, "dmText", c.dmText(), "must contain {link}, where the page link goes");
        ConfigException.check(dm.length() <= 2000, PID, "dmText", "(" + dm.length() + " characters)", "must be at most 2000 characters");
        String help = c.newKeyHelp() == null || c.newKeyHelp().isBlank() ? null : c.newKeyHelp().strip();
        ConfigException.check(help != null, PID, "newKeyHelp", c.newKeyHelp(), "must tell users how to get a new key");
        return new EnrolSettings(misskey, token, secret, atRest, publicUrl, ttl, c.keyReusable(), tags, guest, c.webhookMaxBytes(),
                c.workers(), c.maxAttempts(), new Backoff(Duration.ofSeconds(c.retryInitialSeconds()), Duration.ofSeconds(c.retryMaxSeconds())),
                Duration.ofSeconds(c.misskeyTimeoutSeconds()), dm, help);
    }

    private static String httpUrl(String key, String value, boolean httpsUnlessLoopback) {
        String url = value == null ? "" : value.strip();
        try {
            URI u = new URI(url);
            ConfigException.check(("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null, PID, key, value,
                    "must be an http:// or https:// URL with a host");
            ConfigException.check(u.getQuery() == null && u.getFragment() == null && u.getUserInfo() == null, PID, key, value,
                    "must not carry a query, fragment or credentials (secrets go in files)");
            if (httpsUnlessLoopback && "http".equals(u.getScheme())) {
                ConfigException.check(loopback(u.getHost()), PID, key, value,
                        "must be https:// (the pages carry keys); http:// is accepted only for a loopback host");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(PID, key, value, "not a URL: " + e.getReason());
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    private static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:.]+]")) {
            return false; // a name: never resolved here
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Path file(String key, String value, UnaryOperator<String> properties) {
        String text = value == null ? "" : value.strip();
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v = name.matches("karaf\\.(etc|base|data|home)") ? properties.apply(name) : null;
            if (v == null) {
                throw new ConfigException(PID, key, value, "unknown placeholder ${" + name
                        + "} (allowed: ${karaf.etc}, ${karaf.base}, ${karaf.data}, ${karaf.home})");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        ConfigException.check(!sb.isEmpty(), PID, key, value, "a file is needed");
        Path p = Path.of(sb.toString());
        ConfigException.check(p.isAbsolute(), PID, key, value, "must be an absolute path");
        return p.normalize();
    }

    /** Lifetimes as operators write them (Headscale's own parser: 30m, 12h, 24h, 2d, or ISO-8601). */
    static Duration ttl(String text) {
        Duration d;
        try {
            d = Ttl.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PID, "keyTtl", text, "not a lifetime (30m, 12h, 24h, 2d or ISO-8601 such as PT24H)");
        }
        ConfigException.check(d.compareTo(Duration.ofMinutes(5)) >= 0 && d.compareTo(Duration.ofDays(90)) <= 0, PID, "keyTtl", text,
                "must be between 5 minutes and 90 days");
        return d;
    }

    private static void range(String key, int value, int min, int max) {
        ConfigException.check(value >= min && value <= max, PID, key, value, "must be " + min + "–" + max);
    }
}
