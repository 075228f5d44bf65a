package org.veilor.kickstart.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.veilor.core.Gate;
import org.veilor.core.GateDecision;
import org.veilor.core.ReleaseGates;
import org.veilor.core.ReleaseStage;
import org.veilor.kickstart.KickstartService;
import org.veilor.kickstart.RenderedKickstart;

/** Plain implementations of the services for tests, over the real settings and gate logic. */
public final class TestServices {

    private TestServices() {
    }

    /** Release gates with fixed values, answering through core's own {@link ReleaseGates#evaluate}. */
    public record Gates(ReleaseStage stage, boolean publicIso, boolean guestAclBlockerFixed) implements ReleaseGates {
        @Override
        public GateDecision check(Gate gate) {
            return ReleaseGates.evaluate(gate, stage, guestAclBlockerFixed);
        }
    }

    /** The kickstart service over settings built from the OCD defaults plus overrides. */
    public static KickstartService kickstart(Map<String, Object> overrides, ReleaseStage stage) {
        KickstartSettings s = TestConfigs.settings(overrides);
        return new KickstartService() {
            @Override
            public RenderedKickstart render() throws IOException {
                return KickstartServiceImpl.render(s, stage, "org.veilor.kickstart (test)");
            }

            @Override
            public Optional<Path> baseIso() {
                return s.baseIso();
            }

            @Override
            public Optional<String> isoLabel() {
                return s.isoLabel();
            }
        };
    }
}
