package org.veilor.mesh.tailscale.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.veilor.mesh.tailscale}: the L3a layer and the join. */
@ObjectClassDefinition(name = "Veilor mesh L3a (Tailscale)",
        description = "The Tailscale client of a node: which Headscale login server it joins and with which tailscale up settings. Required on a node (the node profile sets it); without it the layer stays inert.")
public @interface TailscaleConfig {

    @AttributeDefinition(name = "Login server",
            description = "URL of the Headscale server (tailscale up --login-server). https, or http only on a loopback address.")
    String loginServer() default "https://hs.s8n.ru";

    @AttributeDefinition(name = "Host name",
            description = "Name this node takes in the tailnet (tailscale up --hostname); a DNS label. Empty: the machine's own host name.")
    String hostname() default "";

    @AttributeDefinition(name = "Accept DNS",
            description = "Use the tailnet's DNS settings (tailscale up --accept-dns), so tailnet names resolve.")
    boolean acceptDns() default true;

    @AttributeDefinition(name = "Status timeout (s)",
            description = "How long one 'tailscale status --json' may take before the layer counts as down; keep it under the supervisor's probe period.",
            min = "1", max = "60")
    int statusTimeoutSeconds() default 4;

    @AttributeDefinition(name = "Join timeout (s)",
            description = "How long 'tailscale up' may wait for the login server when joining (passed as --timeout).",
            min = "10", max = "900")
    int upTimeoutSeconds() default 120;
}
