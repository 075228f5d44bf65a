package org.veilor.seed.internal;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.veilor.core.AtomicOutput;
import org.veilor.core.FileAttrs;
import org.veilor.core.Host;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.NodeId;
import org.veilor.seed.SeedStatus;
import org.veilor.seed.Seeder;
import org.veilor.seed.Topics;
import org.veilor.seed.blake3.Blake3Hash;

/** The {@link Seeder} of the current {@link SeedNode} (the component swaps nodes when its configuration changes). */
public final class NodeSeeder implements Seeder {

    private final Supplier<SeedNode> node;
    private final Host host;

    public NodeSeeder(Supplier<SeedNode> node, Host host) {
        this.node = node;
        this.host = host;
    }

    @Override
    public NodeId node() {
        return node.get().id();
    }

    @Override
    public SeedStatus status() {
        return StatusView.of(node.get());
    }

    @Override
    public Added add(String hostPath, String service, String name) throws IOException {
        SeedNode n = node.get();
        if ((service == null) != (name == null)) {
            throw new IllegalArgumentException("give both a service and a name, or neither");
        }
        if (service != null) {
            Topics.checkName(name);
            if (!n.servicesByName().containsKey(service)) {
                throw new IllegalArgumentException("service " + service + " is not configured on this node (configured: "
                        + String.join(", ", n.servicesByName().keySet()) + ")");
            }
        }
        if (!host.exists(hostPath)) {
            throw new IllegalArgumentException("no file " + hostPath + " (under the host root " + host.root() + ")");
        }
        BlobStore.Stored s;
        try (InputStream in = host.openRead(hostPath)) {
            s = n.holdings().add(in);
        }
        try {
            if (service != null) {
                n.index().putName(service, name, s.hash(), s.size(), Holdings.ADDED_MTIME, System.currentTimeMillis());
                n.gossip().announce(service, name, s.hash(), s.size());
            }
        } catch (SQLException e) {
            throw new IOException("seed index: " + e.getMessage(), e);
        }
        return new Added(s.hash().toHex(), s.size(), n.gossip().ticket(s.hash()));
    }

    @Override
    public BlobTicket ticket(String nameOrHash) {
        SeedNode n = node.get();
        try {
            Blake3Hash hash = find(n, nameOrHash.strip());
            if (!n.holdings().holds(hash)) {
                throw new IllegalArgumentException("this node does not hold " + hash.toHex());
            }
            return n.gossip().ticket(hash);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("seed index: " + e.getMessage(), e);
        }
    }

    private static Blake3Hash find(SeedNode n, String key) throws SQLException {
        if (key.matches("[0-9a-fA-F]{64}")) {
            return Blake3Hash.parse(key);
        }
        int slash = key.indexOf('/');
        if (slash > 0 && n.servicesByName().containsKey(key.substring(0, slash))) {
            Optional<BlobIndex.Name> named = n.index().name(key.substring(0, slash), key.substring(slash + 1));
            if (named.isPresent()) {
                return named.get().hash();
            }
        }
        List<BlobIndex.Name> matches = n.index().allNames().stream().filter(x -> x.name().equals(key)).toList();
        if (matches.size() == 1) {
            return matches.get(0).hash();
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no blob named " + key + " (write service/name, a name, or a hash)");
        }
        throw new IllegalArgumentException(key + " is a name in several services ("
                + String.join(", ", matches.stream().map(BlobIndex.Name::service).toList()) + "): write service/name");
    }

    @Override
    public Fetched get(String ticketOrHash, String outHostPath, Progress progress) throws IOException {
        SeedNode n = node.get();
        String key = ticketOrHash.strip();
        List<BlobTicket> given = new ArrayList<>();
        Blake3Hash hash;
        if (key.startsWith(BlobTicket.PREFIX)) {
            BlobTicket t = BlobTicket.parse(key);
            given.add(t);
            hash = t.hash();
        } else {
            hash = Blake3Hash.parse(key);
        }
        boolean held = n.holdings().holds(hash);
        String provider = "this node";
        if (!held) {
            Pull pull = n.pull(hash, given);
            pull.onProgress(v -> progress.update(v, pull.size()));
            pull.awaitComplete(n.settings().requestTimeout().toMillis() * 2);
            provider = pull.provider();
        }
        Optional<BlobSource> src = n.holdings().open(hash);
        if (src.isEmpty()) {
            throw new IOException(hash.toShortHex() + " was fetched but is gone from the store again (evicted at once?)");
        }
        try (BlobSource s = src.get()) {
            n.holdings().touch(hash);
            if (outHostPath != null) {
                try (AtomicOutput out = host.openAtomic(outHostPath, FileAttrs.PUBLIC)) {
                    s.verified(0, s.size(), out);
                    out.commit();
                }
            }
            progress.update(s.size(), s.size());
            return new Fetched(hash.toHex(), s.size(), provider, held);
        }
    }

    @Override
    public Evicted evict(long targetBytes) throws IOException {
        if (targetBytes < 0) {
            throw new IllegalArgumentException("the target size cannot be negative");
        }
        return node.get().cache().evictTo(targetBytes, 0);
    }

    @Override
    public List<String> names() {
        try {
            return node.get().index().allNames().stream().map(x -> x.service() + "/" + x.name()).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("seed index: " + e.getMessage(), e);
        }
    }
}
