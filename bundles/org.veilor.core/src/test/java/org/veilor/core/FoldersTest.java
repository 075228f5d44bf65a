package org.veilor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries that go between a listing and their use are left out, and only those: the races are made
 * on purpose (a walk's hook deletes entries the walker listed but has not looked at yet), and the
 * same race breaks a plain {@code Files.walk}, so the tests cannot pass by construction.
 */
class FoldersTest {

    private static final int FOLDERS = 20;

    @TempDir
    Path tmp;

    /** {@code d00 … d19}, each holding one file. */
    private Path twentyFolders() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("tree"));
        for (int i = 0; i < FOLDERS; i++) {
            Path d = Files.createDirectories(root.resolve(String.format("d%02d", i)));
            Files.writeString(d.resolve("f"), "x");
        }
        return root;
    }

    /** Deletes every folder of {@code root} but {@code keep}: the walker has listed them all already. */
    private static void deleteOthers(Path root, Path keep) {
        try {
            for (Path d : Folders.list(root)) {
                if (!d.equals(keep)) {
                    Folders.deleteTree(d);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aPlainFilesWalkFailsOnAnEntryGoneAfterTheListing() throws IOException {
        Path root = twentyFolders();
        AtomicBoolean once = new AtomicBoolean();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
            try (Stream<Path> s = Files.walk(root)) {
                s.forEach(p -> {
                    if (!p.equals(root) && Files.isDirectory(p) && once.compareAndSet(false, true)) {
                        deleteOthers(root, p);
                    }
                });
            }
        });
        assertInstanceOf(NoSuchFileException.class, e.getCause(), "the race this class exists for");
    }

    @Test
    void aWalkLeavesOutEntriesGoneAfterTheListing() throws IOException {
        Path root = twentyFolders();
        Path[] first = new Path[1];
        List<Folders.Entry> walked = Folders.walk(root, d -> {
            if (first[0] == null) {
                first[0] = d;
                deleteOthers(root, d);
            }
            return true;
        });
        assertEquals(List.of(root, first[0], first[0].resolve("f")), walked.stream().map(Folders.Entry::path).toList(),
                "only what was still there when the walk reached it");
        assertTrue(walked.get(2).attributes().isRegularFile());
    }

    @Test
    void aWalkLeavesOutFoldersItIsToldNotToEnter() throws IOException {
        Path root = twentyFolders();
        Files.createDirectories(root.resolve(".git/objects"));
        Files.writeString(root.resolve(".git/index.lock"), "");
        List<Path> walked = Folders.walk(root, d -> !d.getFileName().toString().equals(".git")).stream()
                .map(Folders.Entry::path).toList();
        assertEquals(1 + 2 * FOLDERS, walked.size());
        assertTrue(walked.stream().noneMatch(p -> p.toString().contains(".git")));
        assertEquals(List.of(), Folders.walk(root.resolve("nothing-here")), "a root that is gone holds nothing");
    }

    @Test
    void aWalkDoesNotFollowLinks() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("tree"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "x");
        Files.createSymbolicLink(root.resolve("link"), outside);
        List<Folders.Entry> walked = Folders.walk(root);
        assertEquals(2, walked.size());
        assertTrue(walked.get(1).attributes().isSymbolicLink());
        Folders.deleteTree(root);
        assertFalse(Files.exists(root));
        assertTrue(Files.exists(outside.resolve("keep")), "deleting the tree removed the link, not what it points to");
    }

    @Test
    void listingAFolderThatIsGoneGivesNothingButAFileIsAnError() throws IOException {
        assertEquals(List.of(), Folders.list(tmp.resolve("gone")));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThrows(NotDirectoryException.class, () -> Folders.list(file), "not a folder is a real error");
        Files.writeString(tmp.resolve("b.state"), "");
        Files.writeString(tmp.resolve("a.state"), "");
        Files.writeString(tmp.resolve(".a.state.tmp-1"), "");
        assertEquals(List.of(tmp.resolve("a.state"), tmp.resolve("b.state")), Folders.list(tmp, "*.state"));
    }

    @Test
    void anActionOnAnEntryGoneMeanwhileGivesNothingOtherErrorsAreThrown() throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        assertEquals(Optional.of("x"), Folders.ifPresent(f, Files::readString));
        assertEquals(Optional.empty(), Folders.ifPresent(f, p -> {
            Files.delete(p); // another thread got there first
            return Files.readString(p);
        }));
        assertEquals(Optional.empty(), Folders.attributes(f));

        AccessDeniedException denied = new AccessDeniedException(f.toString());
        assertSame(denied, assertThrows(AccessDeniedException.class, () -> Folders.ifPresent(f, p -> {
            throw denied;
        })), "a permission error is reported, never taken for a gone file");
        NoSuchFileException other = new NoSuchFileException(tmp.resolve("elsewhere").toString());
        assertSame(other, assertThrows(NoSuchFileException.class, () -> Folders.ifPresent(f, p -> {
            throw other;
        })), "another file missing is a real error");
        assertTrue(Folders.gone(new NoSuchFileException(f.resolve("under").toString()), f));
        assertFalse(Folders.gone(new NoSuchFileException(null), f));
    }

    @Test
    void deletingATreeThatIsGoneIsFine() throws IOException {
        Folders.deleteTree(tmp.resolve("never-was"));
        Path root = twentyFolders();
        Folders.deleteTree(root);
        assertFalse(Files.exists(root));
    }
}
