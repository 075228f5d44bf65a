package org.veilor.update.internal;

import java.time.Duration;
import java.util.Arrays;
import org.veilor.core.ConfigException;
import org.veilor.core.containers.ImageReference;

/**
 * Validated settings of PID {@code org.veilor.update}: its one validation method.
 *
 * @param checkInterval zero when checks run only on request
 */
public record UpdateSettings(ImageReference image, Duration checkInterval, boolean autoStage, Duration healthWindow,
        Duration commandTimeout, Duration upgradeTimeout, Duration lockRetry, boolean systemdRun, String publicKey,
        String stateFile) {

    public static final String PID = "org.veilor.update";

    public static UpdateSettings validate(UpdateConfig c) {
        ImageReference image;
        try {
            image = ImageReference.parse(c.image());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PID, "image", c.image(), e.getMessage());
        }
        ConfigException.check(image.digest() == null, PID, "image", c.image(),
                "must name a tag, not a digest: bootc upgrade follows a tag");
        ConfigException.check(!c.image().strip().contains("://"), PID, "image", c.image(),
                "is registry/name:tag without a transport (bootc uses the registry transport)");
        if (image.tag() == null) {
            image = image.withTag("latest");
        }
        range("checkIntervalMinutes", c.checkIntervalMinutes(), 0, 10080);
        range("healthWindowSeconds", c.healthWindowSeconds(), 1, 86400);
        range("commandTimeoutSeconds", c.commandTimeoutSeconds(), 1, 3600);
        range("upgradeTimeoutSeconds", c.upgradeTimeoutSeconds(), 10, 86400);
        range("lockRetrySeconds", c.lockRetrySeconds(), 1, 86400);
        return new UpdateSettings(image, Duration.ofMinutes(c.checkIntervalMinutes()), c.autoStage(),
                Duration.ofSeconds(c.healthWindowSeconds()), Duration.ofSeconds(c.commandTimeoutSeconds()),
                Duration.ofSeconds(c.upgradeTimeoutSeconds()), Duration.ofSeconds(c.lockRetrySeconds()), c.systemdRun(),
                hostPath("publicKey", c.publicKey()), hostPath("stateFile", c.stateFile()));
    }

    /** How often the health of a watched deployment is probed: a tenth of the window, 1 to 30 s. */
    public Duration healthPoll() {
        return Duration.ofSeconds(Math.max(1, Math.min(30, healthWindow.toSeconds() / 10)));
    }

    private static void range(String key, int value, int min, int max) {
        ConfigException.check(value >= min && value <= max, PID, key, value, "must be between " + min + " and " + max);
    }

    private static String hostPath(String key, String value) {
        String v = value == null ? "" : value.strip();
        ConfigException.check(v.startsWith("/") && !v.endsWith("/") && !Arrays.asList(v.split("/")).contains(".."), PID,
                key, value, "must be an absolute host path to a file");
        return v;
    }
}
