package org.veilor.kickstart.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.veilor.core.Finding;
import org.veilor.core.Gate;
import org.veilor.core.GateDecision;
import org.veilor.core.ReleaseGates;
import org.veilor.core.ReleaseStage;
import org.veilor.kickstart.KickstartValidator;

/** The refusals the bootstrap ISO shares between kickstart:iso and the release: the gate and the kickstart. */
public final class BootstrapIso {

    public static final String FILE = "veilor-bootstrap.iso";

    private BootstrapIso() {
    }

    /** A public ISO is refused while the external guest-ACL blocker is open (DESIGN.md hard rule 10). */
    public static void checkGate(ReleaseGates gates) throws IsoException {
        if (gates.publicIso()) {
            GateDecision d = gates.check(Gate.PUBLIC_ISO);
            if (!d.allowed()) {
                throw new IsoException(d.reason() + " (publicIso is set in PID org.veilor.core)");
            }
        }
    }

    /** The kickstart to embed must validate at the given stage; errors are listed with their lines. */
    public static void checkKickstart(String text, String source, ReleaseStage stage) throws IsoException {
        List<Finding> errors = KickstartValidator.validate(text, source, KickstartValidator.Options.strategy(stage))
                .stream().filter(Finding::isError).toList();
        if (!errors.isEmpty()) {
            throw new IsoException("the kickstart does not validate, so no ISO is built:\n"
                    + errors.stream().map(f -> "  " + f).collect(Collectors.joining("\n")));
        }
    }
}
