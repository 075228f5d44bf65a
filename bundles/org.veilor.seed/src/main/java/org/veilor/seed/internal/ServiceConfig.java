package org.veilor.seed.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One seeded service (factory PID {@code org.veilor.seed.service}). */
@ObjectClassDefinition(name = "Veilor seeded service",
        description = "A service whose static media this node seeds (Misskey /files/, Matrix media, dl.veilor downloads): its topic is "
                + "BLAKE3(\"veilor-seed topic v1:\" + name). With a watched folder the node is an origin; without, it mirrors (pulls "
                + "on a miss and serves its cache). Database folders are refused: static media only.")
public @interface ServiceConfig {

    @AttributeDefinition(name = "Name", description = "Service name: 1-63 of a-z 0-9 . _ -, the same on every node (it names the topic "
            + "and the gateway path /seed/<name>/...).")
    String name();

    @AttributeDefinition(name = "Watched folder", description = "Host path of the folder whose files are seeded, read-only; empty: mirror "
            + "only.", required = false)
    String watchedFolder() default "";

    @AttributeDefinition(name = "Include", description = "Glob over paths relative to the watched folder (java.nio glob: ** crosses "
            + "folders). Hidden files and *.tmp, *.part, *~ are never taken: writers use them before their final rename.")
    String include() default "**";

    @AttributeDefinition(name = "Max blob size", description = "Larger files are skipped (status counts them). E.g. 2 GB.")
    String maxBlobSize() default "2 GB";

    @AttributeDefinition(name = "Origins", description = "Node ids (64 hex) trusted to bind names of this service. Empty: the nodes that "
            + "answer at the known peers' addresses, and this node.", required = false)
    String[] origins() default {};
}
