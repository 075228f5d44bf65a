package org.veilor.seed;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.veilor.seed.blake3.Blake3;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * Per-service topics and the naming rules announcements follow. A topic id is 32 bytes, as an
 * iroh-gossip {@code TopicId} (which the library leaves to the application): the BLAKE3 hash of
 * {@link #PREFIX} followed by the service name in UTF-8, so every node derives the same id from the
 * name alone and ids of different applications cannot collide by accident.
 */
public final class Topics {

    /** The fixed prefix hashed before the service name. */
    public static final String PREFIX = "veilor-seed topic v1:";

    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final int MAX_NAME = 1024;

    private Topics() {
    }

    /** The topic id of a service. */
    public static Blake3Hash of(String service) {
        checkService(service);
        return Blake3.standard().hash((PREFIX + service).getBytes(StandardCharsets.UTF_8));
    }

    /** Throws unless {@code service} is 1–63 of {@code a-z 0-9 . _ -}, starting with a letter or digit. */
    public static void checkService(String service) {
        if (service == null || !SERVICE.matcher(service).matches()) {
            throw new IllegalArgumentException("not a service name: '" + service
                    + "' (1-63 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit)");
        }
    }

    /**
     * Throws unless {@code name} is a relative path of 1–1024 characters: segments separated by
     * {@code /}, none empty, {@code .} or {@code ..}, no control characters or backslashes.
     */
    public static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a blob name has 1-" + MAX_NAME + " characters: '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '\\') {
                throw new IllegalArgumentException("a blob name has no control characters or backslashes: '"
                        + name.replaceAll("\\p{Cntrl}", "?") + "'");
            }
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a relative blob name (empty, '.' or '..' segment): '" + name + "'");
            }
        }
    }
}
