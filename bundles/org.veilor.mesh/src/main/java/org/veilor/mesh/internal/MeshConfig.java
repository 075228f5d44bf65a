package org.veilor.mesh.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.veilor.mesh}: the mesh supervisor. */
@ObjectClassDefinition(name = "Veilor mesh supervisor",
        description = "Probes every mesh layer (L3a Tailscale, L3b Yggdrasil, L3c Reticulum) on one scheduler, assesses the three threat floors and fails over by release stage.")
public @interface MeshConfig {

    @AttributeDefinition(name = "Probe period (s)",
            description = "Seconds between two probe rounds of all layers; a down layer is seen within two periods.",
            min = "1", max = "3600")
    int probeSeconds() default 5;
}
