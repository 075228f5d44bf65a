package org.veilor.seed.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises databases in a folder tree, so the seeder refuses to watch it: static media only,
 * database replication never. A database is recognised by the files its engine keeps (PostgreSQL's
 * {@code PG_VERSION}, InnoDB's {@code ibdata1}, Redis' {@code dump.rdb}, RocksDB's
 * {@code CURRENT} + {@code MANIFEST-*} as Matrix Conduit uses), by SQLite's and Redis' file
 * headers, and by the folders Matrix and Misskey installations keep them in ({@code db/},
 * {@code redis/}, Synapse's {@code homeserver.db}). Those folders are named because their content
 * is usually unreadable to the seed user (PostgreSQL's data folder is 0700), so the files alone
 * would not show.
 */
public final class DatabaseFolders {

    private static final Set<String> POSTGRES_FILES = Set.of("PG_VERSION", "postmaster.pid", "postmaster.opts", "pg_control");
    private static final Set<String> POSTGRES_DIRS = Set.of("pg_wal", "pg_xlog", "pg_multixact");
    private static final Set<String> MYSQL_FILES = Set.of("ibdata1", "ib_logfile0", "ib_logfile1", "ibtmp1", "mysql.ibd",
            "aria_log_control", "ib_buffer_pool");
    private static final Set<String> MYSQL_SUFFIXES = Set.of(".ibd", ".frm", ".myd", ".myi", ".mad", ".mai");
    private static final Set<String> REDIS_FILES = Set.of("dump.rdb", "appendonly.aof");
    private static final Set<String> SQLITE_SUFFIXES = Set.of(".sqlite", ".sqlite3", ".db3", ".s3db", ".sl3", ".db-wal",
            ".db-shm", ".db-journal", ".sqlite-wal", ".sqlite-shm", ".sqlite-journal");
    /** Folders that hold a service's database in the usual Matrix and Misskey layouts. */
    private static final Set<String> DATABASE_DIRS = Set.of("db", "database", "databases", "pgdata", "postgres", "postgresql",
            "mysql", "mariadb", "redis", "appendonlydir", "#innodb_redo");
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REDIS_MAGIC = "REDIS".getBytes(StandardCharsets.US_ASCII);

    private DatabaseFolders() {
    }

    /** The first database found under {@code root}, described with its relative path; empty for static media. */
    public static Optional<String> find(Path root) {
        String[] found = new String[1];
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root)) {
                        found[0] = directory(root, dir);
                    }
                    if (found[0] == null) {
                        found[0] = rocksDb(root, dir);
                    }
                    return found[0] == null ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    found[0] = file(root, file, attrs);
                    return found[0] == null ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // An unreadable subfolder cannot be judged by its content; its name was judged already.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return Optional.of("a folder that cannot be walked (" + e.getMessage() + ")");
        }
        return Optional.ofNullable(found[0]);
    }

    private static String directory(Path root, Path dir) {
        String name = dir.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (POSTGRES_DIRS.contains(name)) {
            return "a PostgreSQL database (" + rel(root, dir) + "/)";
        }
        if (DATABASE_DIRS.contains(lower)) {
            return "a database folder (" + rel(root, dir) + "/, as Matrix and Misskey installations keep PostgreSQL and Redis)";
        }
        return null;
    }

    private static String rocksDb(Path root, Path dir) {
        if (!Files.isRegularFile(dir.resolve("CURRENT"))) {
            return null;
        }
        String[] names = dir.toFile().list();
        if (names != null && Arrays.stream(names).anyMatch(n -> n.startsWith("MANIFEST-"))) {
            return "a RocksDB/LevelDB database (" + rel(root, dir.resolve("CURRENT")) + ", as Matrix Conduit keeps its rooms)";
        }
        return null;
    }

    private static String file(Path root, Path file, BasicFileAttributes attrs) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (POSTGRES_FILES.contains(name)) {
            return "a PostgreSQL database (" + rel(root, file) + ")";
        }
        if (MYSQL_FILES.contains(lower) || MYSQL_SUFFIXES.stream().anyMatch(lower::endsWith)) {
            return "a MySQL/MariaDB database (" + rel(root, file) + ")";
        }
        if (REDIS_FILES.contains(lower)) {
            return "a Redis database (" + rel(root, file) + ")";
        }
        if (lower.equals("homeserver.db") || lower.equals("homeserver.yaml")) {
            return "a Matrix Synapse data folder (" + rel(root, file) + ")";
        }
        if (SQLITE_SUFFIXES.stream().anyMatch(lower::endsWith)) {
            return "an SQLite database (" + rel(root, file) + ")";
        }
        if (rel(root, file).equals(".config/default.yml")) {
            return "a Misskey installation (" + rel(root, file) + " holds its database settings)";
        }
        if (attrs.isRegularFile() && (lower.endsWith(".db") || lower.endsWith(".rdb"))) {
            return sniff(file).map(kind -> kind + " (" + rel(root, file) + ")").orElse(null);
        }
        return null;
    }

    /** What a file's first bytes say it is: an SQLite database or a Redis dump; empty otherwise. */
    public static Optional<String> sniff(Path file) {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (n == 16 && Arrays.equals(head, SQLITE_MAGIC)) {
            return Optional.of("an SQLite database");
        }
        if (n >= 9 && Arrays.equals(Arrays.copyOf(head, 5), REDIS_MAGIC) && new String(head, 5, 4, StandardCharsets.US_ASCII)
                .matches("\\d{4}")) {
            return Optional.of("a Redis database");
        }
        return Optional.empty();
    }

    private static String rel(Path root, Path p) {
        return root.relativize(p).toString();
    }
}
