package org.veilor.seed.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.core.ReleaseGates;
import org.veilor.seed.SeedStatus;
import org.veilor.seed.Seeder;
import org.veilor.seed.internal.Sizes;

/** {@code seed:evict [--to SIZE]}: least recently read cached blobs out. */
@Command(scope = "seed", name = "evict", description = "Evicts least recently read cached blobs (then paused partial pulls) until the "
        + "cache holds at most SIZE; pinned blobs and pulls in flight are never evicted.")
@Service
public class EvictCommand implements Action {

    @Reference(optional = true)
    Seeder seeder;

    @Reference(optional = true)
    ReleaseGates gates;

    @Option(name = "--to", aliases = "-t", description = "Target cache size, e.g. 5 GB, 0 (default: the cache cap)")
    String to;

    @Override
    public Object execute() throws Exception {
        Seeder s = SeedCommands.require(seeder, gates);
        long target;
        if (to == null) {
            SeedStatus st = s.status();
            target = st.cacheCap();
        } else {
            target = Sizes.parse(to);
        }
        Seeder.Evicted e = s.evict(target);
        System.out.println("evicted " + e.blobs() + " blobs (" + Sizes.format(e.bytes()) + "); the cache holds "
                + Sizes.format(e.cacheBytes()) + " now");
        return null;
    }
}
