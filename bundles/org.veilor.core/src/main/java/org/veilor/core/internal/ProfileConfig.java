package org.veilor.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.veilor.core.profile}: the instance's profile and its features. */
@ObjectClassDefinition(name = "Veilor profile",
        description = "Which profile this instance runs (operator, node, seed) and the features it must have installed. Set by the profile overlay in etc/; features an admin installs by hand are never removed.")
public @interface ProfileConfig {

    @AttributeDefinition(name = "Profile name", description = "operator, node, seed, or none.")
    String name() default "none";

    @AttributeDefinition(name = "Features", description = "Features the profile installs (veilor-seed is skipped below release v0.8).")
    String[] features() default {};

    @AttributeDefinition(name = "Reconcile period (s)",
            description = "How often the installed features are compared with the profile, and how soon a failed install is retried.",
            min = "5", max = "3600")
    int reconcileSeconds() default 30;
}
