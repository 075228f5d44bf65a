package org.veilor.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalHostFilesTest {

    @TempDir
    Path tmp;

    Path root;
    LocalHost host;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        host = new LocalHost(root, List.of(Path.of("/usr/bin"), Path.of("/bin")));
    }

    @Test
    void hostPathsResolveUnderTheRootLikeAChroot() throws IOException {
        assertEquals(root.toRealPath().resolve("etc/yggdrasil.conf"), host.resolve("/etc/yggdrasil.conf"));
        assertEquals(root.toRealPath().resolve("etc/yggdrasil.conf"), host.resolve("etc/./yggdrasil.conf"));
        assertEquals(root.toRealPath(), host.resolve("/"));
    }

    @Test
    void dotDotIsRefused() {
        IOException e = assertThrows(IOException.class, () -> host.resolve("/etc/../../outside"));
        assertTrue(e.getMessage().contains("escapes the host root"), e.getMessage());
        assertThrows(IOException.class, () -> host.resolve("../x"));
        assertThrows(IOException.class, () -> host.resolve("/a/b/.."));
    }

    @Test
    void emptyOrNulPathsAreRefused() {
        assertThrows(IOException.class, () -> host.resolve(""));
        assertThrows(IOException.class, () -> host.resolve("/etc/a\0b"));
    }

    @Test
    void symlinksInsideTheRootAreFollowed() throws IOException {
        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("real"));
        Files.createSymbolicLink(root.resolve("abs"), root.toRealPath().resolve("real"));
        assertEquals(root.toRealPath().resolve("real/f"), host.resolve("/link/f"));
        assertEquals(root.toRealPath().resolve("real/f"), host.resolve("/abs/f"));
    }

    @Test
    void symlinksLeavingTheRootAreRefused() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "no");
        Files.createSymbolicLink(root.resolve("out-abs"), outside);
        Files.createSymbolicLink(root.resolve("out-rel"), Path.of("../outside"));
        Files.createDirectories(root.resolve("d"));
        Files.createSymbolicLink(root.resolve("d/hop"), Path.of("../out-rel"));
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("missing"));
        for (String p : List.of("/out-abs/secret", "/out-rel/secret", "/d/hop/secret", "/dangling")) {
            IOException e = assertThrows(IOException.class, () -> host.read(p), p);
            assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        }
        assertThrows(IOException.class, () -> host.writeAtomic("/out-abs/new", new byte[1], FileAttrs.PUBLIC));
        assertFalse(Files.exists(outside.resolve("new")));
    }

    @Test
    void atomicWriteGivesModeAndLeavesNoTemporaryFile() throws IOException {
        host.writeAtomic("/etc/veilor/key", "secret".getBytes(StandardCharsets.UTF_8), FileAttrs.PRIVATE);
        Path key = root.resolve("etc/veilor/key");
        assertEquals("secret", Files.readString(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        host.writeAtomic("/etc/veilor/key", "public".getBytes(StandardCharsets.UTF_8), FileAttrs.PUBLIC);
        assertEquals("public", host.readString("/etc/veilor/key"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        try (Stream<Path> s = Files.list(key.getParent())) {
            assertEquals(List.of("key"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void anUncommittedStreamLeavesTheOldFileAndNoTemporary() throws IOException {
        host.writeAtomic("/data/blob", "old".getBytes(StandardCharsets.UTF_8), FileAttrs.PUBLIC);
        try (AtomicOutput out = host.openAtomic("/data/blob", FileAttrs.PUBLIC)) {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            assertEquals("old", host.readString("/data/blob"), "nothing visible before commit");
        }
        assertEquals("old", host.readString("/data/blob"));
        assertEquals(List.of("/data/blob"), host.list("/data"));
    }

    @Test
    void ownerIsAppliedAndAnUnknownOwnerIsNamed() throws IOException {
        String me = Files.getOwner(root).getName();
        host.writeAtomic("/owned", new byte[] { 1 }, FileAttrs.PRIVATE.ownedBy(me, null));
        assertEquals(me, Files.getOwner(root.resolve("owned")).getName());
        IOException e = assertThrows(IOException.class,
                () -> host.writeAtomic("/owned2", new byte[] { 1 }, FileAttrs.PRIVATE.ownedBy("no-such-user-veilor", null)));
        assertTrue(e.getMessage().contains("no-such-user-veilor"), e.getMessage());
        assertFalse(Files.exists(root.resolve("owned2")), "a failed write leaves nothing");
        assertEquals(List.of("/owned"), host.list("/"));
    }

    @Test
    void mkdirsListAndDelete() throws IOException {
        host.mkdirs("/var/lib/veilor/node", FileAttrs.PRIVATE_FOLDER);
        assertEquals("rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("var/lib/veilor/node"))));
        host.writeAtomic("/var/lib/b", new byte[0], FileAttrs.PUBLIC);
        host.writeAtomic("/var/lib/a", new byte[0], FileAttrs.PUBLIC);
        assertEquals(List.of("/var/lib/a", "/var/lib/b", "/var/lib/veilor"), host.list("/var/lib"));
        assertEquals(List.of(), host.list("/nothing/here"));
        assertTrue(host.delete("/var/lib/a"));
        assertFalse(host.delete("/var/lib/a"));
        assertTrue(host.exists("/var/lib/b"));
        assertArrayEquals(new byte[0], host.read("/var/lib/b"));
    }

    @Test
    void writingOverAFolderIsRefused() throws IOException {
        host.mkdirs("/etc/dir", FileAttrs.FOLDER);
        IOException e = assertThrows(IOException.class, () -> host.writeAtomic("/etc/dir", new byte[1], FileAttrs.PUBLIC));
        assertTrue(e.getMessage().contains("it is a folder"));
    }
}
