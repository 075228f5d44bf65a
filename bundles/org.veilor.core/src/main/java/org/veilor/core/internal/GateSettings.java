package org.veilor.core.internal;

import org.veilor.core.ConfigException;
import org.veilor.core.ReleaseStage;

/** Validated release settings: the one validation method for the release part of {@code org.veilor.core}. */
record GateSettings(ReleaseStage stage, boolean publicIso, boolean guestAclBlockerFixed) {

    static GateSettings validate(CoreConfig c) {
        ReleaseStage stage;
        try {
            stage = ReleaseStage.parse(c.release());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(HostSettings.PID, "release", c.release(),
                    "not a release stage (allowed: " + ReleaseStage.allowed() + ")");
        }
        return new GateSettings(stage, c.publicIso(), c.guestAclBlockerFixed());
    }
}
