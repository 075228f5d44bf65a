package org.veilor.headscale.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.veilor.core.qr.QrCodes;
import org.veilor.testsupport.headscale.FakeHeadscale;
import org.veilor.testsupport.headscale.FakeHeadscale.StoredKey;

/** headscale:mint, keys, revoke, nodes, failsafe against the fake: keys printed once, never listed, failsafe only on its sheet. */
class KeyCommandsTest extends CommandTestSupport {

    @Test
    void mintPrintsTheKeyOnceAndKeysNeverShowsIt() throws Exception {
        start("0.29.2");
        MintCommand mint = new MintCommand();
        mint.client = client;
        mint.tier = tier;
        mint.tags = "tag:guest";
        mint.ttl = "24h";
        mint.reusable = true;
        String out = run(mint);
        StoredKey stored = fake.keys().get(0);
        assertTrue(out.contains("Pre-auth key " + stored.id() + " tagged tag:guest, reusable, valid until "), out);
        assertTrue(out.endsWith("Shown once; Veilor does not store it:\n" + stored.key() + "\n"), out);
        assertEquals(List.of("tag:guest"), stored.tags());
        assertTrue(Duration.between(Instant.now(), stored.expiration()).toHours() >= 23);

        KeysCommand keys = new KeysCommand();
        keys.client = client;
        String list = run(keys);
        assertFalse(list.contains(stored.key()), list);
        assertTrue(list.contains(stored.key().substring(0, 23) + "-***"), list);
        assertTrue(list.contains("tag:guest") && list.contains("valid"), list);
    }

    @Test
    void mintOnAnOldServerUsesTheConfiguredOwner() throws Exception {
        start("0.27.1");
        MintCommand mint = new MintCommand();
        mint.client = client;
        mint.tier = tier;
        mint.tags = "tag:infra";
        run(mint);
        assertEquals("1", fake.keys().get(0).userId(), "taggedKeyUser 'operators' owns it");
        mint.tier = null;
        Failed f = assertThrows(Failed.class, () -> run(mint));
        assertEquals("Headscale 0.27.1 needs a user for every pre-auth key: give --user or configure taggedKeyUser", f.getMessage());
        mint.tags = "tag:Bad";
        Failed bad = assertThrows(Failed.class, () -> run(mint));
        assertTrue(bad.getMessage().startsWith("'tag:Bad' is not a Headscale tag"), bad.getMessage());
    }

    @Test
    void revokeExpiresTheKeyAndTheNodeThatJoinedWithIt() throws Exception {
        start("0.26.1");
        MintCommand mint = new MintCommand();
        mint.client = client;
        mint.tier = tier;
        mint.tags = "tag:guest";
        run(mint);
        StoredKey key = fake.keys().get(0);
        FakeHeadscale.StoredNode node = fake.register(key.key(), "laptop");
        NodesCommand nodes = new NodesCommand();
        nodes.client = client;
        String list = run(nodes);
        assertTrue(list.contains("laptop") && list.contains("100.64.0.1") && list.contains("tag:guest"), list);

        RevokeCommand revoke = new RevokeCommand();
        revoke.client = client;
        revoke.id = key.id();
        revoke.node = true;
        String out = run(revoke);
        assertTrue(out.contains("Expired pre-auth key " + key.id()), out);
        assertTrue(out.contains("Expired node " + node.id() + " (laptop): it must log in again."), out);
        assertFalse(out.contains(key.key()), out);
        assertTrue(fake.usableKeys("tag:guest").isEmpty());
        assertTrue(fake.nodes().get(0).expiry() != null);
        revoke.id = "99";
        Failed f = assertThrows(Failed.class, () -> run(revoke));
        assertEquals("Headscale has no pre-auth key with ID 99 (see headscale:keys)", f.getMessage());
    }

    @Test
    void failsafeWritesAPrivateSheetWhoseQrIsTheKeyAndPrintsNoKey() throws Exception {
        start("0.29.2");
        FailsafeCommand fs = new FailsafeCommand();
        fs.client = client;
        fs.tier = tier;
        Path out = dir.resolve("sheet");
        fs.out = out.toString();
        String console = run(fs);
        StoredKey key = fake.keys().get(0);
        assertEquals(List.of("tag:admin"), key.tags());
        assertFalse(key.reusable());
        assertTrue(Duration.between(Instant.now(), key.expiration()).toDays() >= 89, "failsafeTtl 90d");
        assertFalse(console.contains(key.key()), "the key is on the sheet only:\n" + console);
        assertTrue(console.contains("headscale:revoke " + key.id()), console);

        Path png = out.resolve("veilor-failsafe-" + key.id() + ".png");
        Path html = out.resolve("veilor-failsafe-" + key.id() + ".html");
        assertEquals(key.key(), QrCodes.decode(Files.readAllBytes(png)));
        assertTrue(Files.readString(html).contains(key.key()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(png)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(html)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> holding = files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1).contains(key.key());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertEquals(List.of(html), holding, "no copy of the key anywhere but the sheet");
        }
    }

    @Test
    void failsafeExpiresTheKeyWhenTheSheetCannotBeWritten() throws Exception {
        start("0.29.2");
        Path out = dir.resolve("sheet");
        // The fake numbers keys from 1: a folder in the way of the first sheet makes its rename fail after minting.
        Files.createDirectories(out.resolve("veilor-failsafe-1.html").resolve("in-the-way"));
        FailsafeCommand fs = new FailsafeCommand();
        fs.client = client;
        fs.tier = tier;
        fs.out = out.toString();
        Failed f = assertThrows(Failed.class, () -> run(fs));
        assertTrue(f.getMessage().startsWith("the failsafe sheet could not be written ("), f.getMessage());
        assertTrue(f.getMessage().endsWith("the key 1 was expired again"), f.getMessage());
        assertEquals("1", fake.keys().get(0).id());
        assertTrue(fake.usableKeys("tag:admin").isEmpty(), "no valid key whose sheet nobody has");
        assertFalse(Files.exists(out.resolve("veilor-failsafe-1.png")));
        assertFalse(f.getMessage().contains(fake.keys().get(0).key()));
    }

    @Test
    void failsafeRefusesAFileAsFolder() throws Exception {
        start("0.29.2");
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        FailsafeCommand fs = new FailsafeCommand();
        fs.client = client;
        fs.tier = tier;
        fs.out = file.toString();
        Failed f = assertThrows(Failed.class, () -> run(fs));
        assertEquals(file + " exists and is not a folder", f.getMessage());
        assertTrue(fake.keys().isEmpty(), "refused before minting");
    }
}
