package org.veilor.seed.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.Folders;
import org.veilor.seed.Topics;

/**
 * Watches one service's folder, read-only: file-system events for speed and a full rescan every
 * period, because events are lost under load (inotify overflows, folders created faster than they
 * are registered). A new or changed file is ingested once its size and modification time stayed
 * the same for the stable period (a writer may still be at it); a file gone is withdrawn. Symbolic
 * links are not followed. If the folder turns out to hold a database, watching stops and the
 * service's names are withdrawn: static media only. Everything runs on the watcher's one thread.
 */
final class FolderWatcher implements Closeable {

    /** What the watcher asks of the node. */
    interface Sink {
        /** Hashes the file in place, indexes it under the name and announces it. */
        void ingest(ServiceSettings service, String name, Path file) throws IOException;

        void removed(ServiceSettings service, String name) throws IOException;

        /** The service's indexed names with the size and modification time each file had when hashed. */
        Map<String, BlobIndex.Name> indexed(ServiceSettings service) throws IOException;

        void refused(ServiceSettings service, String reason);
    }

    private record Candidate(long size, long mtime, long since) {
    }

    private final Logger logger = LoggerFactory.getLogger(FolderWatcher.class);
    private final ServiceSettings service;
    private final Path root;
    private final Duration rescan;
    private final Duration stable;
    private final Sink sink;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final Map<Path, Candidate> candidates = new HashMap<>();
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private WatchService watch;
    private volatile String state = "starting";
    private volatile String detail = "";
    private volatile boolean dropEvents;
    private final AtomicBoolean rescanQueued = new AtomicBoolean();
    private final AtomicInteger goneBeforeWatched = new AtomicInteger();
    private volatile Consumer<Path> beforeRegister = d -> {
    };
    /** Entries the last rescan could not read (relative path → error), to warn once per change. */
    private Map<String, String> unreadable = Map.of();

    FolderWatcher(ServiceSettings service, Duration rescan, Duration stable, Sink sink, Clock clock) {
        this.service = service;
        this.root = service.realFolder().orElseThrow();
        this.rescan = rescan;
        this.stable = stable;
        this.sink = sink;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "veilor-seed-watch-" + service.name());
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        thread.execute(this::open);
        thread.scheduleWithFixedDelay(this::guarded, 0, rescan.toMillis(), TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::tick, 500, 500, TimeUnit.MILLISECONDS);
    }

    String state() {
        return state;
    }

    String detail() {
        return detail;
    }

    /** For tests: lose every file-system event from now on, as an overflowing inotify queue does. */
    void dropEvents() {
        dropEvents = true;
    }

    /**
     * For tests: runs on the watcher's thread just before each folder is registered, so a test can
     * remove the folder at the one moment a real writer only hits by chance.
     */
    void beforeRegister(Consumer<Path> hook) {
        beforeRegister = hook;
    }

    /** For tests: how many folders were removed between their event and their registration. */
    int foldersGoneBeforeWatched() {
        return goneBeforeWatched.get();
    }

    /** Runs a full rescan now (on the watcher's thread) and waits for it. */
    void rescanNow() throws Exception {
        thread.submit(this::guarded).get(5, TimeUnit.MINUTES);
    }

    private void open() {
        try {
            watch = FileSystems.getDefault().newWatchService();
            registerTree(root);
            state = "watching";
        } catch (IOException e) {
            logger.warn("service {}: cannot watch {} ({}); relying on rescans every {} s", service.name(), root, e.getMessage(),
                    rescan.toSeconds());
            state = "watching";
            detail = "no file-system events (" + e.getMessage() + "); rescans only";
        }
    }

    private void registerTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(root) && d.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                try {
                    beforeRegister.accept(d);
                    keys.put(d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE), d);
                } catch (IOException e) {
                    if (Folders.gone(e, d)) {
                        goneBeforeWatched.incrementAndGet();
                        return FileVisitResult.SKIP_SUBTREE; // removed since it was listed: nothing to watch
                    }
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // Gone since it was listed, or unreadable: the rescan reports the unreadable ones.
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Queues one rescan unless one is queued already: a burst of new folders (an archive unpacked)
     * asks for one rescan, not one per folder each walking the whole tree.
     */
    private void requestRescan() {
        if (rescanQueued.compareAndSet(false, true)) {
            thread.execute(() -> {
                rescanQueued.set(false); // changes from now on need another rescan
                guarded();
            });
        }
    }

    private void guarded() {
        if (!"refused".equals(state)) {
            try {
                scan();
            } catch (IOException | RuntimeException e) {
                logger.warn("service {}: rescan of {} failed: {}", service.name(), root, e.getMessage());
                logger.debug("rescan failure", e);
            }
        }
    }

    /** The full rescan: what is on disk against what the index holds. */
    private void scan() throws IOException {
        Optional<String> database = DatabaseFolders.find(root);
        if (database.isPresent()) {
            refuse("holds " + database.get() + "; only static media are seeded");
            return;
        }
        Map<String, BlobIndex.Name> indexed = sink.indexed(service);
        Set<String> seen = new HashSet<>();
        int[] tooLarge = { 0 };
        Map<String, String> unreadable = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return !d.equals(root) && d.getFileName().toString().startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                String name = nameOf(f);
                if (name == null || !attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.size() > service.maxBlobSize()) {
                    tooLarge[0]++;
                    return FileVisitResult.CONTINUE;
                }
                seen.add(name);
                BlobIndex.Name known = indexed.get(name);
                long mtime = attrs.lastModifiedTime().toMillis();
                if (known == null || known.size() != attrs.size() || known.mtime() != mtime) {
                    candidates.putIfAbsent(f, new Candidate(attrs.size(), mtime, clock.millis()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                if (!Folders.gone(e, f)) { // gone since it was listed: simply not there
                    unreadable.put(f.equals(root) ? "." : root.relativize(f).toString(), e.getClass().getSimpleName());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (String name : indexed.keySet()) {
            if (!seen.contains(name)) {
                sink.removed(service, name);
            }
        }
        if (!unreadable.equals(this.unreadable)) {
            if (!unreadable.isEmpty()) {
                logger.warn("service {}: cannot read {} in {}: {}", service.name(), unreadable.size() == 1 ? "an entry" : unreadable.size()
                        + " entries", root, unreadable);
            }
            this.unreadable = unreadable;
        }
        List<String> notes = new ArrayList<>();
        if (tooLarge[0] > 0) {
            notes.add(tooLarge[0] + " files over " + Sizes.format(service.maxBlobSize()) + " skipped");
        }
        if (!unreadable.isEmpty()) {
            Map.Entry<String, String> first = unreadable.entrySet().iterator().next();
            notes.add(unreadable.size() + " unreadable (" + first.getKey() + ": " + first.getValue() + ")");
        }
        detail = String.join("; ", notes);
    }

    /** The name of a file: its path relative to the folder, if the service takes it. */
    private String nameOf(Path f) {
        Path rel = root.relativize(f);
        if (rel.getNameCount() == 0 || !service.takes(rel)) {
            return null;
        }
        String name = rel.toString().replace('\\', '/');
        try {
            Topics.checkName(name);
            return name;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void tick() {
        if ("refused".equals(state)) {
            return;
        }
        try {
            events();
            settle();
        } catch (IOException | RuntimeException e) {
            logger.warn("service {}: {}", service.name(), e.getMessage());
            logger.debug("watcher failure", e);
        }
    }

    private void events() throws IOException {
        if (watch == null) {
            return;
        }
        try {
            for (WatchKey key; (key = watch.poll()) != null;) {
                try {
                    handle(key);
                } finally {
                    // Always re-armed: a key left unreset would keep its folder silent for good.
                    if (!key.reset()) {
                        keys.remove(key);
                    }
                }
            }
        } catch (ClosedWatchServiceException e) {
            // closing
        }
    }

    private void handle(WatchKey key) throws IOException {
        Path dir = keys.get(key);
        for (WatchEvent<?> e : key.pollEvents()) {
            if (dropEvents || dir == null) {
                continue;
            }
            if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                requestRescan();
                continue;
            }
            Path p = dir.resolve((Path) e.context());
            if (e.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                registerTree(p);
                requestRescan(); // files may have landed before the folder was registered
            } else if (nameOf(p) != null) {
                candidates.put(p, new Candidate(-1, -1, clock.millis()));
            }
        }
    }

    /** Ingests candidates that stayed unchanged for the stable period; withdraws the ones gone. */
    private void settle() throws IOException {
        for (Map.Entry<Path, Candidate> entry : Map.copyOf(candidates).entrySet()) {
            Path f = entry.getKey();
            Candidate c = entry.getValue();
            String name = nameOf(f);
            Optional<BasicFileAttributes> attrs = Folders.attributes(f);
            if (attrs.isEmpty() || !attrs.get().isRegularFile()) {
                candidates.remove(f);
                if (name != null && sink.indexed(service).containsKey(name)) {
                    sink.removed(service, name);
                }
                continue;
            }
            BasicFileAttributes a = attrs.get();
            long mtime = a.lastModifiedTime().toMillis();
            if (a.size() != c.size() || mtime != c.mtime()) {
                candidates.put(f, new Candidate(a.size(), mtime, clock.millis()));
                continue;
            }
            if (clock.millis() - c.since() < stable.toMillis()) {
                continue;
            }
            candidates.remove(f);
            if (name == null || a.size() > service.maxBlobSize()) {
                continue;
            }
            Optional<String> kind = DatabaseFolders.sniff(f);
            if (kind.isPresent()) {
                refuse("holds " + kind.get() + " (" + name + "); only static media are seeded");
                return;
            }
            try {
                sink.ingest(service, name, f);
            } catch (AccessDeniedException e) {
                // Reported, not retried every tick: the next rescan finds the file again.
                logger.warn("service {}: cannot read {} ({}): not seeded", service.name(), name, e.getMessage());
            } catch (IOException e) {
                // Gone meanwhile (the next tick withdraws it) or changed while hashed: look again.
                logger.debug("service {}: {} not ingested yet: {}", service.name(), name, e.getMessage());
                candidates.put(f, new Candidate(-1, -1, clock.millis()));
            }
        }
    }

    private void refuse(String reason) throws IOException {
        state = "refused";
        detail = reason;
        logger.warn("service {}: watched folder {} {}: stopped watching it and withdrew its names", service.name(), root, reason);
        candidates.clear();
        for (String name : sink.indexed(service).keySet()) {
            sink.removed(service, name);
        }
        sink.refused(service, reason);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (watch != null) {
            try {
                watch.close();
            } catch (IOException e) {
                logger.debug("closing the watch service: {}", e.getMessage());
            }
        }
    }
}
