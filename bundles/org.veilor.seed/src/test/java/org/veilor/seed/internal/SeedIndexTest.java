package org.veilor.seed.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.veilor.core.LocalHost;
import org.veilor.seed.Announcement;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.blake3.Blake3;
import org.veilor.seed.blake3.Blake3Hash;
import org.veilor.testsupport.LocalPostgres;

/**
 * The seed index through the same SQL on H2 (PostgreSQL mode, the default) and on the local
 * PostgreSQL server scripts/test-setup.sh starts: blobs and their kinds, names, the LRU order kept
 * across a restart, announcements (newest per node and name) and providers ordered by strikes.
 */
class SeedIndexTest {

    private static final List<String> PG_DATABASES = new ArrayList<>();
    private static int h2Count;

    @TempDir
    Path dir;

    /** A fresh database of the kind: each test migrates its own. */
    static DataSource database(String kind) throws Exception {
        if (kind.equals("h2")) {
            return TestNode.h2("index-" + (h2Count++) + "-" + System.nanoTime());
        }
        String url = LocalPostgres.createDatabase();
        PG_DATABASES.add(url);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(LocalPostgres.USER);
        ds.setPassword(LocalPostgres.password());
        return ds;
    }

    @AfterAll
    static void dropDatabases() throws Exception {
        for (String url : PG_DATABASES) {
            LocalPostgres.dropDatabase(url);
        }
    }

    private static Blake3Hash h(int i) {
        return Blake3.standard().hash(new byte[] { (byte) i });
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void blobsKeepTheStrongestKindAndNamesBindHashes(String kind) throws Exception {
        DataSource ds = database(kind);
        BlobIndex.migrate(ds);
        BlobIndex.migrate(ds); // once per database
        BlobIndex index = new BlobIndex(ds);
        index.put(h(1), 100, BlobIndex.Kind.CACHE, null, 1000);
        index.put(h(1), 100, BlobIndex.Kind.ORIGIN, "/srv/media/a.png", 2000);
        index.put(h(1), 100, BlobIndex.Kind.CACHE, null, 3000);
        BlobIndex.Blob b = index.blob(h(1)).orElseThrow();
        assertEquals(BlobIndex.Kind.ORIGIN, b.kind(), "an origin stays pinned when the same bytes are pulled");
        assertEquals("/srv/media/a.png", b.originPath());
        assertEquals(3000, b.lastAccess());
        index.put(h(2), 250, BlobIndex.Kind.CACHE, null, 1000);
        assertEquals(250, index.bytes(BlobIndex.Kind.CACHE));
        assertEquals(100, index.bytes(BlobIndex.Kind.ORIGIN));
        index.putName("media", "photos/a.png", h(1), 100, 17, 1000);
        index.putName("media", "photos/a.png", h(2), 250, 18, 2000);
        assertEquals(h(2), index.name("media", "photos/a.png").orElseThrow().hash());
        assertEquals(Set.of("photos/a.png"), index.names("media").keySet());
        index.deleteName("media", "photos/a.png");
        assertTrue(index.name("media", "photos/a.png").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void theLruOrderSurvivesARestartAndEvictionFollowsIt(String kind) throws Exception {
        DataSource ds = database(kind);
        LocalHost host = new LocalHost(dir, List.of(Path.of("/usr/bin")));
        BlobIndex.migrate(ds);
        BlobIndex index = new BlobIndex(ds);
        for (int i = 1; i <= 5; i++) {
            index.put(h(i), 400_000, BlobIndex.Kind.CACHE, null, 1000 + i);
        }
        index.put(h(9), 5_000_000, BlobIndex.Kind.ADDED, null, 1);
        index.touch(h(1), 5000); // read again: the most recent now
        index.touch(h(2), 10); // a late, older clock never moves it back

        // a restart: new objects over the same database
        BlobIndex after = new BlobIndex(ds);
        assertEquals(List.of(h(2), h(3), h(4), h(5), h(1)), after.evictionOrder().stream().map(BlobIndex.Blob::hash).toList());
        BlobStore store = new BlobStore(host, "/store", Blake3.standard());
        Cache cache = new Cache(after, new PeerIndex(ds), store, NodeIdentity.loadOrCreate(host, "/store/node.key").id(),
                1_000_000, Set::of);
        assertEquals(2_000_000, cache.usage());
        org.veilor.seed.Seeder.Evicted e = cache.makeRoom(0);
        assertEquals(3, e.blobs());
        assertEquals(800_000, cache.usage());
        assertEquals(List.of(h(5), h(1)), after.evictionOrder().stream().map(BlobIndex.Blob::hash).toList());
        assertTrue(after.blob(h(9)).isPresent(), "added blobs are pinned, outside the cap");
        assertEquals(1, cache.makeRoom(600_000).blobs(), "room for an incoming blob is made before it is written");
        assertEquals(List.of(h(1)), after.evictionOrder().stream().map(BlobIndex.Blob::hash).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql" })
    void announcementsNewestPerNameAndProvidersByStrikes(String kind) throws Exception {
        DataSource ds = database(kind);
        LocalHost host = new LocalHost(dir, List.of(Path.of("/usr/bin")));
        BlobIndex.migrate(ds);
        PeerIndex peers = new PeerIndex(ds);
        NodeIdentity x = NodeIdentity.loadOrCreate(host, "/x.key");
        NodeIdentity y = NodeIdentity.loadOrCreate(host, "/y.key");
        Instant t0 = Instant.ofEpochSecond(1_800_000_000);
        Announcement xOld = sign(x, "a.png", h(1), t0);
        Announcement xNew = sign(x, "a.png", h(2), t0.plusSeconds(60));
        assertTrue(peers.put(xNew, 1));
        assertFalse(peers.put(xOld, 2), "an older announcement never replaces a newer one");
        assertFalse(peers.put(xNew, 3), "the same one is not new twice");
        assertTrue(peers.put(sign(y, "a.png", h(2), t0.plusSeconds(30)), 4));
        List<Announcement> named = peers.forName("media", "a.png", t0);
        assertEquals(List.of(x.id(), y.id()), named.stream().map(Announcement::node).toList(), "newest first");
        assertEquals(xNew, named.get(0), "read back, it still verifies as signed");
        assertEquals(null, named.get(0).problem(t0.plusSeconds(60)));

        assertEquals(List.of(x.id(), y.id()), peers.providers(h(2), t0).stream().map(Announcement::node).toList());
        assertEquals(1, peers.strike(x.id(), 10));
        assertEquals(List.of(y.id(), x.id()), peers.providers(h(2), t0).stream().map(Announcement::node).toList(),
                "a provider with a strike is tried last");
        assertEquals(1, peers.dropProvider(x.id(), h(2)));
        assertEquals(1, peers.expire(t0.plusSeconds(31)) + peers.expire(t0.plusSeconds(31)));
        assertTrue(peers.providers(h(2), t0).isEmpty());
    }

    private static Announcement sign(NodeIdentity n, String name, Blake3Hash hash, Instant at) {
        return Announcement.sign("media", name, 1, BlobTicket.direct(n.id(), List.of(), hash), at, n.privateKey());
    }
}
