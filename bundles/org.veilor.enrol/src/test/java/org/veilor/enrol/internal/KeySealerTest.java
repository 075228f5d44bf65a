package org.veilor.enrol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.enrol.internal.SecretFile.SecretFileException;

/** AES-GCM sealing bound to the row, page tokens, fingerprints, and the 0600 rule for secret files. */
class KeySealerTest {

    private static final String KEY = "hskey-auth-AbCdEfGhIjKl-" + "x".repeat(64);

    @TempDir
    Path dir;

    private KeySealer sealer(Path file) {
        return new KeySealer(new SecretFile(file, "the at-rest key", "create it"));
    }

    @Test
    void sealedKeysOpenOnlyForTheirRowAndKeyFile() throws Exception {
        Path file = dir.resolve("at-rest.key");
        assertTrue(KeySealer.createIfMissing(file));
        assertFalse(KeySealer.createIfMissing(file), "an existing key is never replaced");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        KeySealer s = sealer(file);
        String sealed = s.seal(KEY, 7, 1);
        assertTrue(sealed.startsWith("v1:") && !sealed.contains(KEY));
        assertNotEquals(sealed, s.seal(KEY, 7, 1), "a fresh nonce each time");
        assertEquals(KEY, s.open(sealed, 7, 1));
        SecretFileException otherRow = assertThrows(SecretFileException.class, () -> s.open(sealed, 8, 1));
        assertTrue(otherRow.getMessage().contains("does not open"), otherRow.getMessage());
        assertThrows(SecretFileException.class, () -> s.open(sealed, 7, 2));
        Path other = dir.resolve("other.key");
        KeySealer.createIfMissing(other);
        assertThrows(SecretFileException.class, () -> sealer(other).open(sealed, 7, 1));
    }

    @Test
    void activationsCreatingTheKeyAtOnceAllReadTheOneWholeKey() throws Exception {
        // Before, the name was created first and the key written after: a second activation (or
        // the next start after a crash in between) read an empty key file and every seal failed.
        record Outcome(boolean created, String sealed) {
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                Path file = dir.resolve("race-" + round + ".key");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Outcome>> outcomes = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    outcomes.add(pool.submit(() -> {
                        go.await();
                        boolean mine = KeySealer.createIfMissing(file);
                        return new Outcome(mine, sealer(file).seal(KEY, 1, 1)); // an empty key file throws here
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<Outcome> f : outcomes) {
                    Outcome o = f.get();
                    winners += o.created() ? 1 : 0;
                    assertEquals(KEY, sealer(file).open(o.sealed(), 1, 1), "every activation sealed with the one key");
                }
                assertEquals(1, winners, "exactly one activation created the key");
                String name = file.getFileName().toString();
                try (var files = Files.list(dir)) {
                    assertEquals(List.of(file), files.filter(p -> p.getFileName().toString().contains(name)).toList(),
                            "no temporary file is left");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pageTokensAreStablePerGenerationAndStoredOnlyAsHashes() throws Exception {
        Path file = dir.resolve("at-rest.key");
        KeySealer.createIfMissing(file);
        KeySealer s = sealer(file);
        String token = s.pageToken(3, 1);
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        assertEquals(token, s.pageToken(3, 1), "a DM sent again carries the same link");
        assertNotEquals(token, s.pageToken(3, 2), "a reissue gets a new link");
        assertNotEquals(token, s.pageToken(4, 1));
        assertEquals(64, KeySealer.tokenHash(token).length());
        assertEquals("SHA256:", KeySealer.fingerprint(KEY).substring(0, 7));
        assertEquals(23, KeySealer.fingerprint(KEY).length());
    }

    @Test
    void secretFilesMustBeTheOwnersOnly() throws Exception {
        Path file = dir.resolve("secret");
        SecretFile secret = new SecretFile(file, "the webhook secret", "put it there");
        SecretFileException missing = assertThrows(SecretFileException.class, secret::read);
        assertEquals("the webhook secret file " + file + " does not exist; put it there", missing.getMessage());
        Files.writeString(file, "s3cr3t-value\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SecretFileException open = assertThrows(SecretFileException.class, secret::read);
        assertEquals("the webhook secret file " + file + " is open to other users (mode 0644); run: chmod 600 " + file, open.getMessage());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals("s3cr3t-value", secret.read());
        Files.writeString(file, "two words\n");
        SecretFileException twoWords = assertThrows(SecretFileException.class, secret::read);
        assertFalse(twoWords.getMessage().contains("two words"), "never the content");
        Files.writeString(file, "short");
        Path bad = dir.resolve("bad.key");
        Files.writeString(bad, "c2hvcnQ=");
        Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("rw-------"));
        SecretFileException notAKey = assertThrows(SecretFileException.class, () -> sealer(bad).check());
        assertTrue(notAKey.getMessage().contains("holds 5 bytes, not 32"), notAKey.getMessage());
    }

    @Test
    void theWebhookSecretIsComparedByDigest() {
        assertTrue(WebhookHandler.constantTimeEquals("abc", "abc"));
        assertFalse(WebhookHandler.constantTimeEquals("abc", "abd"));
        assertFalse(WebhookHandler.constantTimeEquals("abc", "abcd"));
        assertFalse(WebhookHandler.constantTimeEquals("", "abc"));
    }
}
