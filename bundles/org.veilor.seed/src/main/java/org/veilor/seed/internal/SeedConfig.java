package org.veilor.seed.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The seed node (PID {@code org.veilor.seed}); the defaults here are the only defaults. */
@ObjectClassDefinition(name = "Veilor seed node",
        description = "The veilor-seed daemon of a node (from release v0.8): content store, LRU cache of pulled blobs, "
                + "the verified HTTP transport and the node gateway GET /seed/<service>/<name>. Services are factory "
                + "configurations org.veilor.seed.service.")
public @interface SeedConfig {

    @AttributeDefinition(name = "Store folder", description = "Host path of the content store: blobs, outboards, partial pulls, the node key. "
            + "The seed unit may write only there.")
    String storeFolder() default "/var/lib/veilor/seed/store";

    @AttributeDefinition(name = "Cache cap", description = "Most bytes of pulled blobs kept (partial pulls included); least recently used "
            + "ones are evicted after every insert. Origin and added blobs are pinned and not counted. E.g. 10 GB, 512 MiB.")
    String cacheCap() default "10 GB";

    @AttributeDefinition(name = "Transport address", description = "IP address the transport and gateway listen on and tickets carry: "
            + "127.0.0.1 keeps the node to itself; a node sets its mesh (tailnet) address. The gateway also answers on 127.0.0.1.")
    String transportAddress() default "127.0.0.1";

    @AttributeDefinition(name = "Transport port", description = "TCP port of the transport and gateway: the seed port of the Headscale tier "
            + "policy. Karaf's HTTP service of the seed instance is moved to this address and port.", min = "1", max = "65535")
    int transportPort() default 7867;

    @AttributeDefinition(name = "Known peers", description = "Other seed nodes as host:port ([v6]:port); announcements are spread to them "
            + "per topic and misses are looked up there.", required = false)
    String[] knownPeers() default {};

    @AttributeDefinition(name = "Rescan (s)", description = "Seconds between full rescans of the watched folders (file-system events "
            + "are lost under load).", min = "10")
    int rescanSeconds() default 300;

    @AttributeDefinition(name = "Stable for (s)", description = "A watched file is ingested once its size and modification time stayed "
            + "unchanged this long.", min = "1", max = "3600")
    int stableSeconds() default 5;

    @AttributeDefinition(name = "Announce every (s)", description = "Seconds between re-announcements of this node's blobs to its peers; "
            + "announcements expire after three periods.", min = "30")
    int announceSeconds() default 600;

    @AttributeDefinition(name = "Request timeout (s)", description = "Connect and idle-read timeout of requests to peers and providers.",
            min = "1", max = "600")
    int requestTimeoutSeconds() default 30;
}
