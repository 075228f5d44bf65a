package org.veilor.headscale.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.veilor.headscale}: the server, its API key file, and the tier model. */
@ObjectClassDefinition(name = "Veilor Headscale",
        description = "The Headscale server the operator manages, where its API key is kept, and the tier model the policy is rendered from.")
public @interface HeadscaleConfig {

    @AttributeDefinition(name = "Server URL", description = "Base URL of Headscale (its server_url), without /api/v1.")
    String serverUrl() default "http://127.0.0.1:8080";

    @AttributeDefinition(name = "API key file",
            description = "File holding the Headscale API key (from 'headscale apikeys create'), mode 0600. The key itself never goes in this configuration. ${karaf.etc}, ${karaf.base}, ${karaf.data} and ${karaf.home} are expanded.")
    String apiKeyFile() default "${karaf.etc}/headscale-api.key";

    @AttributeDefinition(name = "Server version",
            description = "Headscale version assumed when /version cannot be read (0.23 or later). The API shapes and the policy features follow it.")
    String version() default "0.29.2";

    @AttributeDefinition(name = "Request timeout", description = "Seconds to wait for each answer from Headscale.", min = "1", max = "300")
    int requestTimeoutSeconds() default 15;

    @AttributeDefinition(name = "Admin members", description = "Machines carrying tag:admin (for the policy tests); each may have an address in Hosts.")
    String[] adminMembers() default { "onyx", "failsafe" };

    @AttributeDefinition(name = "Infra members", description = "Machines carrying tag:infra (for the policy tests); each may have an address in Hosts.")
    String[] infraMembers() default { "nullstone", "office" };

    @AttributeDefinition(name = "Admin users",
            description = "Members of group:tailnet-admin, owner of every tag: the people in the OIDC group tailnet-admin, written as Headscale users (alice@ or alice@example.org).",
            required = false)
    String[] adminUsers() default {};

    @AttributeDefinition(name = "Hosts",
            description = "Named addresses, name=tailnet IP (Headscale hosts take IPs, not DNS names), for example x.veilor=100.64.0.3. Every guest destination and seed host needs one.",
            required = false)
    String[] hosts() default {};

    @AttributeDefinition(name = "Guest destinations", description = "What tag:guest may reach, as host:port (hosts named in Hosts).")
    String[] guestDestinations() default { "x.veilor:443" };

    @AttributeDefinition(name = "Seeded service hosts", description = "Hosts serving seeded static media; guests reach them on the seed port.", required = false)
    String[] seedHosts() default {};

    @AttributeDefinition(name = "Seed port", description = "TCP/UDP port of the veilor-seed transport (keep it equal to the seed profile's).", min = "1", max = "65535")
    int seedPort() default 7867;

    @AttributeDefinition(name = "Guest peer seeding", description = "Let guests reach other guests on the seed port (guest-to-guest seeding). Off by default.")
    boolean guestPeerSeeding() default false;

    @AttributeDefinition(name = "Tailnet prefixes",
            description = "Prefixes Headscale assigns node addresses from (its prefixes.v4 and prefixes.v6); a rule whose source overlaps them may match guests.")
    String[] tailnetPrefixes() default { "100.64.0.0/10", "fd7a:115c:a1e0::/48" };

    @AttributeDefinition(name = "Tagged key user",
            description = "User owning the keys minted by headscale:mint and headscale:failsafe on Headscale before 0.28, where every key needs a user. Unused from 0.28.",
            required = false)
    String taggedKeyUser() default "";

    @AttributeDefinition(name = "Policy watch window",
            description = "Seconds headscale:policy --push watches the tag:admin machines Headscale reports online after a push; if one that was online goes offline, the last good policy is pushed back.",
            min = "1", max = "3600")
    int policyWatchSeconds() default 120;

    @AttributeDefinition(name = "Policy watch interval", description = "Seconds between two looks at the online machines during the watch window.",
            min = "1", max = "600")
    int policyPollSeconds() default 5;

    @AttributeDefinition(name = "Failsafe key lifetime", description = "How long the failsafe tag:admin key stays valid: 30m, 12h, 90d or an ISO-8601 duration (PT12H).")
    String failsafeTtl() default "90d";
}
