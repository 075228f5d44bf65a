package org.veilor.seed.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.Host;
import org.veilor.seed.Announcement;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.BlobTransport;
import org.veilor.seed.NodeId;
import org.veilor.seed.blake3.Blake3;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * A running seed node, plain Java (the DS component and the tests build it alike): the store and
 * index recovered and kept in step, the node key, the cache, the pulls, the announcements, and one
 * watcher per service with a folder. Its threads: one maintenance thread (spreading announcements
 * every second, re-announcing every period), a few pull threads, one thread per watcher.
 */
public final class SeedNode implements AutoCloseable, FolderWatcher.Sink {

    /** Pull threads: a few, the machine has two cores and pulls mostly wait on the network. */
    private static final int PULL_THREADS = 3;

    private final Logger logger = LoggerFactory.getLogger(SeedNode.class);
    private final SeedSettings settings;
    private final Clock clock;
    private final Blake3 engine = Blake3.standard().parallel();
    private final BlobStore store;
    private final BlobIndex index;
    private final PeerIndex peers;
    private final NodeIdentity identity;
    private final Holdings holdings;
    private final Cache cache;
    private final Pulls pulls;
    private final Gossip gossip;
    private final Map<String, ServiceSettings> services = new ConcurrentHashMap<>();
    private final Map<String, FolderWatcher> watchers = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final ExecutorService pullThreads;
    private final ScheduledExecutorService maintenance;

    /**
     * Opens the store and index (recovering after a crash) and starts the node's threads.
     *
     * @param extraTransports transports registered as services (an iroh sidecar), tried after the built-in one
     */
    public SeedNode(SeedSettings settings, Host host, DataSource dataSource, Supplier<List<BlobTransport>> extraTransports,
            Clock clock) throws IOException, SQLException {
        this.settings = settings;
        this.clock = clock;
        BlobIndex.migrate(dataSource);
        this.index = new BlobIndex(dataSource);
        this.peers = new PeerIndex(dataSource);
        this.store = new BlobStore(host, settings.storeFolder(), engine);
        this.identity = NodeIdentity.loadOrCreate(host, settings.storeFolder() + "/node.key");
        this.holdings = new Holdings(store, index, engine, clock, s -> Optional.ofNullable(services.get(s)).flatMap(ServiceSettings::folder));
        logger.info("seed node {}: store {}: {}", identity.id().toShortHex(), store.root(), holdings.recover());
        BlobTransport http = new HttpBlobTransport(Blake3.standard(), settings.requestTimeout());
        AtomicInteger n = new AtomicInteger();
        this.pullThreads = Executors.newFixedThreadPool(PULL_THREADS, r -> daemon(r, "veilor-seed-pull-" + n.incrementAndGet()));
        this.pulls = new Pulls(store, index, peers, this::cache, () -> {
            List<BlobTransport> all = new java.util.ArrayList<>(List.of(http));
            all.addAll(extraTransports.get());
            return all;
        }, pullThreads, clock, this::pulled);
        this.cache = new Cache(index, peers, store, identity.id(), settings.cacheCap(), pulls::inFlight);
        this.gossip = new Gossip(identity, settings.transport(), settings.knownPeers(), settings.announcementTtl(), peers,
                new PeerClient(settings.requestTimeout()), clock, this::servicesByName);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "veilor-seed-node"));
        maintenance.scheduleWithFixedDelay(guard("spreading announcements", gossip::flush), 1, 1, TimeUnit.SECONDS);
        maintenance.scheduleWithFixedDelay(guard("re-announcing", this::refresh), 2000, settings.announce().toMillis(),
                TimeUnit.MILLISECONDS);
        cache.makeRoom(0); // a smaller cap, or blobs pulled before a crash, are brought under the cap now
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private interface Task {
        void run() throws Exception;
    }

    private Runnable guard(String what, Task task) {
        return () -> {
            try {
                task.run();
            } catch (Exception e) {
                logger.warn("seed node: {} failed: {}", what, e.getMessage());
                logger.debug("failure", e);
            }
        };
    }

    SeedSettings settings() {
        return settings;
    }

    public NodeId id() {
        return identity.id();
    }

    /** Follows a service (its topic), watching its folder if it has one. */
    public void addService(ServiceSettings s) {
        ServiceSettings clash = services.values().stream().filter(o -> o.name().equals(s.name()) && !o.pid().equals(s.pid()))
                .findFirst().orElse(null);
        if (clash != null) {
            refused.put(s.pid(), "service " + s.name() + " is already configured by " + clash.pid());
            logger.warn("{}: service {} is already configured by {}; ignored", s.pid(), s.name(), clash.pid());
            return;
        }
        removeService(s.pid());
        services.put(s.pid(), s);
        if (s.realFolder().isPresent()) {
            FolderWatcher w = new FolderWatcher(s, settings.rescan(), settings.stable(), this, clock);
            watchers.put(s.pid(), w);
            w.start();
        }
    }

    public void removeService(String pid) {
        refused.remove(pid);
        FolderWatcher w = watchers.remove(pid);
        if (w != null) {
            w.close();
        }
        services.remove(pid);
    }

    /** Services by name. */
    Map<String, ServiceSettings> servicesByName() {
        Map<String, ServiceSettings> m = new java.util.HashMap<>();
        services.values().forEach(s -> m.put(s.name(), s));
        return m;
    }

    FolderWatcher watcher(String pid) {
        return watchers.get(pid);
    }

    String refusal(String pid) {
        return refused.get(pid);
    }

    Holdings holdings() {
        return holdings;
    }

    Gossip gossip() {
        return gossip;
    }

    Cache cache() {
        return cache;
    }

    Pulls pulls() {
        return pulls;
    }

    BlobIndex index() {
        return index;
    }

    PeerIndex peersIndex() {
        return peers;
    }

    BlobStore store() {
        return store;
    }

    // ---- watcher sink

    @Override
    public void ingest(ServiceSettings service, String name, Path file) throws IOException {
        BlobStore.Stored s = holdings.ingestOrigin(service, name, file);
        try {
            gossip.announce(service.name(), name, s.hash(), s.size());
        } catch (SQLException e) {
            throw new IOException("seed index: " + e.getMessage(), e);
        }
        logger.debug("service {}: {} = {} ({} bytes)", service.name(), name, s.hash().toShortHex(), s.size());
    }

    @Override
    public void removed(ServiceSettings service, String name) throws IOException {
        holdings.removeName(service.name(), name);
        logger.debug("service {}: {} withdrawn", service.name(), name);
    }

    @Override
    public Map<String, BlobIndex.Name> indexed(ServiceSettings service) throws IOException {
        return holdings.watchedNames(service.name());
    }

    @Override
    public void refused(ServiceSettings service, String reason) {
        refused.put(service.pid(), reason);
    }

    // ---- pulls

    /** The pull of a blob from the providers known for it (plus any given). */
    Pull pull(Blake3Hash hash, List<BlobTicket> extra) throws IOException {
        List<BlobTicket> providers = new java.util.ArrayList<>(extra);
        try {
            gossip.providers(hash).stream().filter(t -> extra.stream().noneMatch(e -> e.endpoint().equals(t.endpoint())))
                    .forEach(providers::add);
        } catch (SQLException e) {
            throw new IOException("seed index: " + e.getMessage(), e);
        }
        return pulls.start(hash, providers);
    }

    /** A pulled blob reached the cache: this node now provides it under the names its origins gave it. */
    private void pulled(Pull pull) {
        try {
            for (Announcement a : peers.providers(pull.hash(), gossip.notBefore())) {
                if (!a.node().equals(id()) && gossip.trusted(a.service(), a.node())
                        && servicesByName().containsKey(a.service())) {
                    gossip.announce(a.service(), a.name(), a.hash(), a.size());
                }
            }
        } catch (SQLException e) {
            logger.debug("cannot announce {}: {}", pull.hash().toShortHex(), e.getMessage());
        }
    }

    /** Re-signs this node's announcements (bound names and blobs it provides) and spreads them. */
    void refresh() throws SQLException, IOException {
        List<BlobIndex.Name> own = new java.util.ArrayList<>(index.allNames());
        for (Announcement a : peers.ofNode(id())) {
            if (holdings.holds(a.hash()) && own.stream().noneMatch(n -> n.service().equals(a.service()) && n.name().equals(a.name()))) {
                own.add(new BlobIndex.Name(a.service(), a.name(), a.hash(), a.size(), 0));
            }
        }
        gossip.refresh(own);
    }

    @Override
    public void close() {
        maintenance.shutdownNow();
        watchers.values().forEach(FolderWatcher::close);
        watchers.clear();
        pullThreads.shutdownNow();
        try {
            pullThreads.awaitTermination(10, TimeUnit.SECONDS);
            maintenance.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
