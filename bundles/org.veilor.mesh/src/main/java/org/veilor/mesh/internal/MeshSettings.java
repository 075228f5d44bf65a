package org.veilor.mesh.internal;

import org.veilor.core.ConfigException;

/** Validated supervisor settings: the one validation method of PID {@code org.veilor.mesh}. */
record MeshSettings(int probeSeconds) {

    static final String PID = "org.veilor.mesh";

    static MeshSettings validate(MeshConfig c) {
        ConfigException.check(c.probeSeconds() >= 1 && c.probeSeconds() <= 3600, PID, "probeSeconds",
                c.probeSeconds(), "must be between 1 and 3600 seconds");
        return new MeshSettings(c.probeSeconds());
    }
}
