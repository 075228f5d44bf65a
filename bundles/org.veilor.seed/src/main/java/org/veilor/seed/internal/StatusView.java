package org.veilor.seed.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.veilor.seed.SeedStatus;
import org.veilor.seed.Topics;

/** Builds {@link SeedStatus} from a running node. */
final class StatusView {

    private StatusView() {
    }

    static SeedStatus of(SeedNode n) {
        try {
            List<SeedStatus.Service> services = new ArrayList<>();
            for (ServiceSettings s : n.servicesByName().values()) {
                Map<String, BlobIndex.Name> names = n.index().names(s.name());
                long bytes = names.values().stream().mapToLong(BlobIndex.Name::size).sum();
                FolderWatcher w = n.watcher(s.pid());
                String refusal = n.refusal(s.pid());
                String state = refusal != null ? "refused" : w == null ? "mirror" : w.state();
                String detail = refusal != null ? refusal : w == null ? "" : w.detail();
                services.add(new SeedStatus.Service(s.name(), Topics.of(s.name()).toHex(), s.folder().orElse(""), state, detail,
                        names.size(), bytes));
            }
            services.sort(Comparator.comparing(SeedStatus.Service::name));
            List<SeedStatus.Peer> peers = new ArrayList<>();
            for (var p : n.gossip().knownPeers()) {
                String address = Addresses.format(p);
                var row = n.peersIndex().peer(address);
                String state = row.isEmpty() ? "unknown" : n.gossip().up(address) ? "up" : "down";
                peers.add(new SeedStatus.Peer(address, row.map(PeerIndex.Peer::node).orElse(null), state,
                        row.filter(r -> r.lastSeen() > 0).map(r -> Instant.ofEpochMilli(r.lastSeen())).orElse(null),
                        row.map(PeerIndex.Peer::lastError).orElse("")));
            }
            List<SeedStatus.Pull> pulls = n.pulls().pulls().stream()
                    .map(p -> new SeedStatus.Pull(p.hash().toHex(), p.verifiedBytes(), p.size(), p.provider())).toList();
            long pinned = n.index().bytes(BlobIndex.Kind.ORIGIN) + n.index().bytes(BlobIndex.Kind.ADDED);
            return new SeedStatus(n.id(), Addresses.format(n.settings().transport()), n.index().count(), n.cache().usage(),
                    n.cache().cap(), pinned, pulls, services, peers);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("seed index: " + e.getMessage(), e);
        }
    }
}
