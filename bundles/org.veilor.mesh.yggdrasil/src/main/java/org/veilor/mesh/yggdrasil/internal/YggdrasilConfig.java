package org.veilor.mesh.yggdrasil.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of PID {@code org.veilor.mesh.yggdrasil}: the L3b layer of a node. */
@ObjectClassDefinition(name = "Veilor mesh L3b (Yggdrasil)",
        description = "The node's Yggdrasil warm fallback: enabled but idle (one public peer, empty Listen, an AllowedPublicKeys allowlist, WSS:443), promoted by the mesh supervisor from release v0.8 while L3a is down. The agent renders yggdrasil.conf from these values on the node. Required on a node (the node profile sets it); without it the layer stays inert.")
public @interface YggdrasilConfig {

    @AttributeDefinition(name = "Public peer",
            description = "The idle node's one public peer, ideally wss://host:443/path?key=<its public key> (WSS on 443 gets past DPI; wss needs yggdrasil 0.5.7). Required.")
    String publicPeer() default "";

    @AttributeDefinition(name = "Failover peers",
            description = "Peers the supervisor adds through the admin socket when it promotes L3b (release v0.8+, L3a down) and removes when it demotes it. Comma-separated. An IP literal or a host outside the login server's domain keeps floor (i); a wss://…:443 peer keeps floor (ii).")
    String[] failoverPeers() default {};

    @AttributeDefinition(name = "Allowed public keys",
            description = "AllowedPublicKeys: the public keys (64 hex digits) allowed to peer with this node. Required, at least one: empty means allow-all, which the strategy forbids. Comma-separated.")
    String[] allowedPublicKeys() default {};

    @AttributeDefinition(name = "Listen",
            description = "Must stay empty: the idle node accepts no inbound peers (strategy rule 6). A value here is refused with that reason rather than ignored.")
    String[] listen() default {};

    @AttributeDefinition(name = "Interface name",
            description = "The TUN interface (IfName). The image binds ygg0 to its own firewalld zone (veilor-yggdrasil); 'none' runs without a TUN (routing only). 'auto' is refused: the kernel's tunN would escape that zone.")
    String interfaceName() default "ygg0";

    @AttributeDefinition(name = "Admin socket",
            description = "AdminListen, where the layer reads the daemon's state and promotes it: unix:///path (a host path) or tcp://127.0.0.1:port. Never a network address: anyone reaching it can add peers.")
    String adminListen() default "unix:///run/yggdrasil/yggdrasil.sock";

    @AttributeDefinition(name = "Multicast",
            description = "Find LAN peers by multicast (UDP [ff02::114]:9001). Off by default: multicast peers bypass AllowedPublicKeys, and the image opens no LAN port for them.")
    boolean multicast() default false;

    @AttributeDefinition(name = "Multicast interfaces",
            description = "Regular expression of the interfaces multicast uses, when on.")
    String multicastRegex() default ".*";

    @AttributeDefinition(name = "Dialect",
            description = "Which yggdrasil.conf dialect to write: auto (from the installed binary's -version), 0.4 (inline PrivateKey; tcp/tls/socks peers only; breaks the WSS rule) or 0.5 (PrivateKeyPath; wss from 0.5.7).",
            options = { @Option(label = "auto", value = "auto"), @Option(label = "0.4", value = "0.4"),
                    @Option(label = "0.5", value = "0.5") })
    String dialect() default "auto";

    @AttributeDefinition(name = "Executable", description = "The yggdrasil binary: a name looked up on the executable search path, or an absolute path.")
    String executable() default "yggdrasil";

    @AttributeDefinition(name = "Key file",
            description = "Host path of the node's private key (PKCS#8 PEM, 0600, owned by the service user). Made on the node at first boot (veilor-yggdrasil-key.service) or by ygg:keygen; never in the image.")
    String keyPath() default "/etc/yggdrasil/private.pem";

    @AttributeDefinition(name = "Config file", description = "Host path of the yggdrasil.conf the agent renders (0600, owned by the service user).")
    String configPath() default "/etc/yggdrasil/yggdrasil.conf";

    @AttributeDefinition(name = "Service user",
            description = "The user yggdrasil.service runs as; it owns the key and config files. Empty: files stay the agent's.")
    String serviceUser() default "yggdrasil";

    @AttributeDefinition(name = "Unit", description = "The systemd unit restarted when the rendered config changes.")
    String unit() default "yggdrasil.service";

    @AttributeDefinition(name = "Admin timeout (s)",
            description = "How long one admin socket exchange (and the -version check) may take; keep it under the supervisor's probe period.",
            min = "1", max = "30")
    int adminTimeoutSeconds() default 3;
}
