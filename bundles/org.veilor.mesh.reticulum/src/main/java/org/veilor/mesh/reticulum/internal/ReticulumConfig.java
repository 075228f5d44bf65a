package org.veilor.mesh.reticulum.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of PID {@code org.veilor.mesh.reticulum}: the L3c layer of a node. Required on a
 * node (the node profile carries the per-deployment values); without it the layer stays inert, as on
 * the operator.
 */
@ObjectClassDefinition(name = "Veilor mesh L3c (Reticulum)",
        description = "Reticulum over LoRa, opt-in (feature:install veilor-reticulum): where RetiNet comes from, which interfaces the Reticulum config gets, and which RNode radio becomes its RNodeInterface. rnsd is never started by itself: mesh:reticulum start runs it on request.")
public @interface ReticulumConfig {

    @AttributeDefinition(name = "RetiNet repository",
            description = "https URL of the git repository of the RetiNet (AGPL) fork that ujust install-reticulum installs from. No default: empty means ujust install-reticulum refuses to run (upstream RNS is never installed instead).")
    String retinetRepository() default "";

    @AttributeDefinition(name = "RetiNet version",
            description = "The tag or commit of the RetiNet repository to install, so every node runs the same code. Required with the repository.")
    String retinetVersion() default "";

    @AttributeDefinition(name = "Sideband repository",
            description = "https URL of the git repository of the fork's Sideband (the LXMF messaging client) that ujust install-reticulum installs beside RetiNet. Empty: Sideband is not installed.")
    String sidebandRepository() default "";

    @AttributeDefinition(name = "Sideband version",
            description = "The tag or commit of the Sideband repository. Required with the repository.")
    String sidebandVersion() default "";

    @AttributeDefinition(name = "AutoInterface",
            description = "Give rnsd an AutoInterface: peers found on the local network over link-local IPv6 (UDP 29716 and 42671, opened in the veilor-reticulum firewall zone while rnsd runs).")
    boolean autoInterface() default true;

    @AttributeDefinition(name = "AutoInterface group id",
            description = "The AutoInterface group_id: only peers with the same group id find each other on a shared network. Letters, digits, '.', '_' and '-'.")
    String autoInterfaceGroupId() default "reticulum";

    @AttributeDefinition(name = "TCP backbone peers",
            description = "host:port of the TCP backbone peers, one TCPClientInterface each ([v6]:port for IPv6 literals; entries may also be comma-separated on one line). The strategy wants 12; fewer is allowed and reported as degraded.")
    String[] backbonePeers() default {};

    @AttributeDefinition(name = "Transport",
            description = "enable_transport: this node routes and forwards for other Reticulum nodes.")
    boolean transport() default false;

    @AttributeDefinition(name = "RNode radio",
            description = "The RNode radio that becomes rnsd's RNodeInterface: its name or the PID of its org.veilor.rnode.radio factory configuration. Its port and verified radio parameters go into the config, and its port is handed to rnsd while rnsd runs. Empty: no radio, and floor (iii) cannot hold.")
    String radio() default "";

    @AttributeDefinition(name = "Log level", description = "Reticulum [logging] loglevel, 0 (critical only) to 7 (extreme).",
            min = "0", max = "7")
    int logLevel() default 4;

    @AttributeDefinition(name = "systemctl timeout (s)",
            description = "How long one systemctl query may take before the layer counts as down; keep it under the mesh supervisor's probe period.",
            min = "1", max = "60")
    int statusTimeoutSeconds() default 5;

    @AttributeDefinition(name = "Start/stop timeout (s)",
            description = "How long systemctl start or stop of rnsd may take.", min = "5", max = "300")
    int startTimeoutSeconds() default 60;
}
