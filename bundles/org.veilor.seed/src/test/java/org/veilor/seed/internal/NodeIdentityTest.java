package org.veilor.seed.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.LocalHost;
import org.veilor.seed.Announcement;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.blake3.Blake3;

/** The node identity: an Ed25519 key made on the node, kept 0600, stable across restarts. */
class NodeIdentityTest {

    @TempDir
    Path dir;

    @Test
    void aKeyIsMadeOnceOwnerOnlyAndReloaded() throws IOException {
        LocalHost host = new LocalHost(dir, List.of(Path.of("/usr/bin")));
        NodeIdentity first = NodeIdentity.loadOrCreate(host, "/store/node.key");
        Path file = dir.resolve("store/node.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        NodeIdentity again = NodeIdentity.loadOrCreate(host, "/store/node.key");
        assertEquals(first.id(), again.id());
        assertTrue(!first.toString().contains(Files.readString(file).split("\n")[1]), "the key never shows in logs");

        // what it signs verifies under its id, and nothing else does
        BlobTicket t = BlobTicket.direct(first.id(), List.of(), Blake3.standard().hash(new byte[] { 1 }));
        Announcement a = Announcement.sign("media", "a.png", 1, t, Instant.ofEpochSecond(1_800_000_000), first.privateKey());
        assertEquals(null, a.problem(Instant.ofEpochSecond(1_800_000_000)));
        Announcement forged = new Announcement("media", "b.png", a.hash(), a.size(), a.ticket(), a.issued(), a.node(), a.signature());
        assertTrue(forged.problem(Instant.ofEpochSecond(1_800_000_000)) != null, "a changed name breaks the signature");
    }

    @Test
    void aKeyReadableByOthersIsRefused() throws IOException {
        LocalHost host = new LocalHost(dir, List.of(Path.of("/usr/bin")));
        NodeIdentity.loadOrCreate(host, "/store/node.key");
        Files.setPosixFilePermissions(dir.resolve("store/node.key"), PosixFilePermissions.fromString("rw-r--r--"));
        IOException e = assertThrows(IOException.class, () -> NodeIdentity.loadOrCreate(host, "/store/node.key"));
        assertTrue(e.getMessage().contains("must be 0600"), e.getMessage());
    }
}
