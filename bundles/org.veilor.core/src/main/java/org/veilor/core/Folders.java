package org.veilor.core;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Folders that change while they are read. A listing is a snapshot: by the time an entry is looked
 * at (its attributes read, the file opened, read or deleted) another process or thread may have
 * removed it, and an entry created after the listing is not in it. {@code Files.walk} and
 * {@code Files.list} followed by a stat fail on the first such entry; these helpers apply one rule
 * instead: <b>an entry that is gone when it is used was not there</b> — it is left out, and one that
 * appears is seen by the next listing. Only "gone" is tolerated, and only for the entry listed (a
 * {@link NoSuchFileException} naming it or a path under it): every other error (permission denied,
 * an I/O error, a folder that is a file) is thrown as it comes.
 */
public final class Folders {

    /** Something done with a listed entry, which may throw. */
    @FunctionalInterface
    public interface EntryAction<T> {
        T apply(Path entry) throws IOException;
    }

    /**
     * A file, folder or link met in a {@link #walk}, with the attributes read when it was met
     * (links are not followed).
     */
    public record Entry(Path path, BasicFileAttributes attributes) {
    }

    private Folders() {
    }

    /**
     * Whether {@code e} says that {@code entry} (or a path under it) no longer exists: a
     * {@link NoSuchFileException} naming it. Any other exception, or one naming another path, is a
     * real error.
     */
    public static boolean gone(IOException e, Path entry) {
        if (!(e instanceof NoSuchFileException n) || n.getFile() == null) {
            return false;
        }
        Path named = Path.of(n.getFile()).toAbsolutePath().normalize();
        return named.startsWith(entry.toAbsolutePath().normalize());
    }

    /** The entries of a folder, sorted; empty when the folder does not exist (or went meanwhile). */
    public static List<Path> list(Path dir) throws IOException {
        return list(dir, "*");
    }

    /**
     * The entries of a folder whose names match a glob ({@code "*.state"}), sorted; empty when the
     * folder does not exist (or went meanwhile).
     */
    public static List<Path> list(Path dir, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            s.forEach(out::add);
        } catch (IOException e) {
            if (!gone(e, dir)) {
                throw e;
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /**
     * Does something with a listed entry: empty when the entry was gone before or while it ran (the
     * action's result otherwise, empty for null). Other errors are thrown.
     */
    public static <T> Optional<T> ifPresent(Path entry, EntryAction<T> action) throws IOException {
        try {
            return Optional.ofNullable(action.apply(entry));
        } catch (IOException e) {
            if (gone(e, entry)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** An entry's attributes, not following a link; empty when it is gone. */
    public static Optional<BasicFileAttributes> attributes(Path entry) throws IOException {
        return ifPresent(entry, p -> Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Walks a tree without following links, {@code root} first, sorted by path (a folder before its
     * content). Folders {@code enter} refuses (asked for every folder below the root) are left out
     * with everything in them, never read. Entries gone while the walk runs are left out; empty when
     * the root itself does not exist.
     */
    public static List<Entry> walk(Path root, Predicate<Path> enter) throws IOException {
        List<Entry> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && !enter.test(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                out.add(new Entry(dir, attrs));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                out.add(new Entry(file, attrs));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (gone(e, file)) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !gone(e, dir)) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(Comparator.comparing(Entry::path));
        return out;
    }

    /** Walks a whole tree; see {@link #walk(Path, Predicate)}. */
    public static List<Entry> walk(Path root) throws IOException {
        return walk(root, d -> true);
    }

    /**
     * Deletes a file, or a folder with everything in it, without following links; entries already
     * gone (or the whole tree) are fine.
     */
    public static void deleteTree(Path path) throws IOException {
        List<Entry> entries = walk(path);
        for (int i = entries.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(entries.get(i).path());
        }
    }
}
