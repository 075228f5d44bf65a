package org.veilor.rnode.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who owns which serial port inside this bundle: a radio, a probe of {@code rnode:detect} /
 * {@code rnode:list}, or — while handed over — the program the radio released it to. Keyed by the
 * device's real path at claim time, so a by-id symlink and the node it points at are one port.
 */
final class PortClaims {

    private final Map<String, String> owners = new ConcurrentHashMap<>();

    /**
     * Claims a port.
     *
     * @return the claim's key (for {@link #release} and {@link #relabel}), or null if someone else has it
     */
    String claim(String path, String owner) {
        String key = realPath(path);
        String previous = owners.putIfAbsent(key, owner);
        return previous == null || previous.equals(owner) ? key : null;
    }

    /** Changes who a held port is shown as belonging to (hand-over). */
    void relabel(String key, String owner) {
        owners.replace(key, owner);
    }

    void release(String key) {
        if (key != null) {
            owners.remove(key);
        }
    }

    /** The owner of a port, or null. */
    String owner(String path) {
        return owners.get(realPath(path));
    }

    /** The real path behind symbolic links, or the path itself when it does not exist (now). */
    static String realPath(String path) {
        try {
            return Path.of(path).toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            return path;
        }
    }
}
