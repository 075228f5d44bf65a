package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeyTest {

    @Test
    void theJdkDerivesTheSpecsPublicKeys() {
        for (SpecVectors.Row row : SpecVectors.ROWS) {
            if (row.seed() != null) {
                assertEquals(row.publicKey(), NodeKey.fromSeed(row.seed()).publicHex());
            }
        }
    }

    @Test
    void privateKeyHexIsSeedThenPublicKey() {
        NodeKey zero = NodeKey.fromSeed(SpecVectors.ZERO_SEED);
        // spec §1.5: "The PrivateKey config value for row 1 is 64×0 followed by the row's public key hex."
        assertEquals("0".repeat(64) + SpecVectors.ROWS.get(0).publicKey(), zero.privateHex());
        assertEquals(zero, NodeKey.fromPrivateHex(zero.privateHex()));
        assertEquals(zero, NodeKey.fromPrivateHex(zero.privateHex().toUpperCase()));
    }

    @Test
    void pemIsThePkcs8PrefixThenTheSeed() {
        String pem = NodeKey.fromSeed(SpecVectors.ZERO_SEED).pem();
        assertEquals("-----BEGIN PRIVATE KEY-----\n" + SpecVectors.ZERO_SEED_PEM_BODY + "\n-----END PRIVATE KEY-----\n", pem);
        NodeKey k = NodeKey.generate(new SecureRandom());
        assertEquals(k, NodeKey.fromPem(k.pem()));
    }

    @Test
    void mismatchedHalvesAreRefusedWithoutShowingTheSecret() {
        NodeKey a = NodeKey.generate(new SecureRandom());
        NodeKey b = NodeKey.generate(new SecureRandom());
        String forged = a.privateHex().substring(0, 64) + b.publicHex();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeKey.fromPrivateHex(forged));
        assertTrue(e.getMessage().contains("does not belong to its seed"), e.getMessage());
        assertFalse(e.getMessage().contains(a.privateHex().substring(0, 64)), "no seed in the message");
    }

    @Test
    void aBare32ByteKeyIsRefusedWithTheReason() {
        String half = NodeKey.generate(new SecureRandom()).privateHex().substring(0, 64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeKey.fromPrivateHex(half));
        assertTrue(e.getMessage().contains("128 hex digits"), e.getMessage());
        assertTrue(e.getMessage().contains("wrong identity"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NodeKey.fromPrivateHex("zz".repeat(64)));
    }

    @Test
    void aPkcs8V2KeyMustCarryItsOwnPublicKey() {
        NodeKey k = NodeKey.generate(new SecureRandom());
        NodeKey other = NodeKey.generate(new SecureRandom());
        String seed = k.privateHex().substring(0, 64);
        // OneAsymmetricKey (RFC 5958) v2: version 1 and [1] publicKey after the private key.
        String v2 = "3051020101300506032b657004220420" + seed + "812100";
        assertEquals(k, NodeKey.fromPem(pem(v2 + k.publicHex())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeKey.fromPem(pem(v2 + other.publicHex())));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void badPemIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeKey.fromPem("hello")).getMessage()
                .contains("not a PEM private key"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> NodeKey.fromPem("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"))
                .getMessage().contains("encrypted"));
        // An RSA-sized PKCS#8 blob is not an Ed25519 key.
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeKey.fromPem(pem("300d06092a864886f70d0101010500")))
                .getMessage().contains("not an Ed25519"));
    }

    @Test
    void toStringShowsThePublicKeyOnly() {
        NodeKey k = NodeKey.generate(new SecureRandom());
        assertEquals("NodeKey[public " + k.publicHex() + "]", k.toString());
    }

    @Test
    void opensslKeysReadTheSameAsOpensslSeesThem(@TempDir Path tmp) throws Exception {
        Path pem = tmp.resolve("k.pem");
        run("openssl", "genpkey", "-algorithm", "ed25519", "-out", pem.toString());
        byte[] der = runBytes("openssl", "pkey", "-in", pem.toString(), "-pubout", "-outform", "DER");
        String opensslPublic = HexFormat.of().formatHex(java.util.Arrays.copyOfRange(der, der.length - 32, der.length));
        assertEquals(opensslPublic, NodeKey.fromPem(Files.readString(pem)).publicHex());
    }

    private static String pem(String derHex) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(derHex))
                + "\n-----END PRIVATE KEY-----\n";
    }

    static void run(String... cmd) throws Exception {
        runBytes(cmd);
    }

    static byte[] runBytes(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + new String(out, StandardCharsets.UTF_8));
        return out;
    }
}
