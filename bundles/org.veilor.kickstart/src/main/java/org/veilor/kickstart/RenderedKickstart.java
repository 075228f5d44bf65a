package org.veilor.kickstart;

import java.util.List;
import org.veilor.core.Finding;

/**
 * A rendered install.ks and what validating it found.
 *
 * @param text the kickstart, header included
 * @param findings the validator's findings (file {@code install.ks})
 */
public record RenderedKickstart(String text, List<Finding> findings) {

    public RenderedKickstart {
        findings = List.copyOf(findings);
    }

    /** Whether it validated without errors. */
    public boolean ok() {
        return !KickstartValidator.hasErrors(findings);
    }
}
