package org.veilor.seed.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.ConfigException;
import org.veilor.core.LocalHost;

/**
 * Static media only, database replication never: a watched folder holding a database is refused,
 * naming what was found. The markers are the engines' documented files: PostgreSQL's PG_VERSION
 * and pg_wal/ (storage layout of the data directory), SQLite's 16-byte header "SQLite format 3\0"
 * (file format §1.3.1), Redis' RDB header "REDIS" + 4-digit version, InnoDB's ibdata1, and the
 * folders Matrix and Misskey deployments keep PostgreSQL and Redis in.
 */
class DatabaseFoldersTest {

    @TempDir
    Path dir;

    private Path folder(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    @Test
    void staticMediaPass() throws IOException {
        Path media = folder("media");
        Files.createDirectories(media.resolve("photos/2026"));
        Files.write(media.resolve("photos/2026/cat.jpg"), new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff });
        Files.writeString(media.resolve("notes.db.txt"), "not a database\n");
        Files.writeString(media.resolve("thumbs.db"), "Windows thumbnail cache, not SQLite\n");
        assertEquals(Optional.empty(), DatabaseFolders.find(media));
    }

    @Test
    void databasesAreRecognisedAndNamed() throws IOException {
        Path pg = folder("pg");
        Files.createDirectories(pg.resolve("base/1"));
        Files.writeString(pg.resolve("PG_VERSION"), "15\n");
        assertEquals(Optional.of("a PostgreSQL database (PG_VERSION)"), DatabaseFolders.find(pg));

        Path wal = folder("wal");
        Files.createDirectories(wal.resolve("cluster/pg_wal"));
        assertTrue(DatabaseFolders.find(wal).orElseThrow().startsWith("a PostgreSQL database (cluster/pg_wal"));

        Path sqlite = folder("sqlite");
        byte[] header = new byte[100];
        byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, header, 0, magic.length);
        Files.write(sqlite.resolve("cache.db"), header);
        assertEquals(Optional.of("an SQLite database (cache.db)"), DatabaseFolders.find(sqlite));

        Path redis = folder("redis-data");
        Files.write(redis.resolve("state.rdb"), "REDIS0011\u00fa\u0009redis-ver".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(Optional.of("a Redis database (state.rdb)"), DatabaseFolders.find(redis));

        Path mysql = folder("mysql-data");
        Files.write(mysql.resolve("ibdata1"), new byte[16]);
        assertEquals(Optional.of("a MySQL/MariaDB database (ibdata1)"), DatabaseFolders.find(mysql));

        Path misskey = folder("misskey");
        Files.createDirectories(misskey.resolve("files"));
        Files.createDirectories(misskey.resolve("db"));
        assertTrue(DatabaseFolders.find(misskey).orElseThrow().startsWith("a database folder (db/"),
                "a deployment's db/ folder is named even when its content is unreadable");
    }

    @Test
    void aServiceWatchingADatabaseFolderIsRefused() throws IOException {
        LocalHost host = new LocalHost(dir, List.of(Path.of("/usr/bin")));
        Path matrix = folder("srv/matrix");
        Files.createDirectories(matrix.resolve("media_store"));
        Files.writeString(matrix.resolve("homeserver.db"), "");
        ConfigException e = assertThrows(ConfigException.class, () -> ServiceSettings.validate("org.veilor.seed.service~matrix",
                Configs.of(ServiceConfig.class, Map.of("name", "matrix", "watchedFolder", "/srv/matrix")), host));
        assertEquals("watchedFolder", e.key());
        assertTrue(e.getMessage().contains("/srv/matrix"), e.getMessage());
        assertTrue(e.getMessage().contains("holds a Matrix Synapse data folder (homeserver.db); only static media are seeded, "
                + "database replication never"), e.getMessage());
        // the media folder alone is fine
        ServiceSettings ok = ServiceSettings.validate("org.veilor.seed.service~matrix",
                Configs.of(ServiceConfig.class, Map.of("name", "matrix", "watchedFolder", "/srv/matrix/media_store")), host);
        assertEquals("/srv/matrix/media_store", ok.folder().orElseThrow());
    }
}
