package org.veilor.mesh.yggdrasil.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A node's Ed25519 key as yggdrasil holds it (spec mesh-radio.md §1.2): a 32-byte seed and the
 * 32-byte public key derived from it, with the JDK's Ed25519. Two encodings: the 0.4
 * {@code PrivateKey} value (hex of seed ‖ public key, 128 digits) and the 0.5 PEM for
 * {@code PrivateKeyPath} (PKCS#8: a fixed 16-byte DER prefix, then the seed). A value whose public
 * half does not belong to its seed is refused: 0.4 takes the node's identity from that half without
 * checking it. {@link #toString()} never shows the secret.
 */
public final class NodeKey {

    /** DER of PKCS#8 v1 for Ed25519 up to the seed: SEQUENCE, version 0, AlgorithmIdentifier 1.3.101.112, OCTET STRING(OCTET STRING(32)). */
    static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    /** DER of an Ed25519 SubjectPublicKeyInfo up to the key. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final String PEM_BEGIN = "-----BEGIN " + "PRIVATE KEY-----";
    private static final String PEM_END = "-----END " + "PRIVATE KEY-----";

    private final byte[] seed;
    private final byte[] publicKey;

    private NodeKey(byte[] seed, byte[] publicKey) {
        this.seed = seed;
        this.publicKey = publicKey;
    }

    /** A new key from the given randomness. */
    public static NodeKey generate(SecureRandom random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return fromSeed(seed);
    }

    /** The key of a 32-byte seed; the public key is derived by the JDK. */
    public static NodeKey fromSeed(byte[] seed) {
        if (seed == null || seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, not " + (seed == null ? 0 : seed.length));
        }
        return new NodeKey(seed.clone(), derivePublic(seed));
    }

    /**
     * Parses a 0.4 {@code PrivateKey} value: 128 hex digits, seed then public key.
     *
     * @throws IllegalArgumentException when it is not 128 hex digits, or the public half does not
     *     belong to the seed (the message never shows the value)
     */
    public static NodeKey fromPrivateHex(String hex) {
        String h = hex == null ? "" : hex.strip();
        if (!h.matches("[0-9A-Fa-f]{128}")) {
            throw new IllegalArgumentException("a yggdrasil PrivateKey is 128 hex digits (seed and public key), not "
                    + h.length() + " characters" + (h.matches("[0-9A-Fa-f]{64}")
                            ? ": a 32-byte key would give yggdrasil 0.4 the wrong identity" : ""));
        }
        byte[] bytes = HexFormat.of().parseHex(h);
        NodeKey key = fromSeed(Arrays.copyOfRange(bytes, 0, 32));
        if (!Arrays.equals(key.publicKey, Arrays.copyOfRange(bytes, 32, 64))) {
            throw new IllegalArgumentException("the PrivateKey's public half does not belong to its seed (it derives "
                    + key.publicHex() + "); yggdrasil 0.4 would take its identity from the wrong half");
        }
        return key;
    }

    /**
     * Parses a PEM {@code PRIVATE KEY} (PKCS#8) holding an Ed25519 key, as yggdrasil 0.5
     * {@code -exportkey} and {@code openssl genpkey -algorithm ed25519} write it. A PKCS#8 v2 key
     * that carries its public key must carry the right one.
     */
    public static NodeKey fromPem(String pem) {
        String text = pem == null ? "" : pem.strip();
        int begin = text.indexOf(PEM_BEGIN);
        int end = text.indexOf(PEM_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("not a PEM private key: no '" + PEM_BEGIN + "' … '" + PEM_END + "' block"
                    + (text.contains("ENCRYPTED PRIVATE KEY") ? " (an encrypted key cannot be read by yggdrasil)" : ""));
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + PEM_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM block is not valid base64");
        }
        if (der.length == 48 && Arrays.equals(Arrays.copyOf(der, 16), PKCS8_PREFIX)) {
            return fromSeed(Arrays.copyOfRange(der, 16, 48));
        }
        // Anything else (PKCS#8 v2 with the public key attached, other algorithms): let the JDK read it.
        try {
            EdECPrivateKey k = (EdECPrivateKey) KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] seed = k.getBytes().orElseThrow(() -> new IllegalArgumentException("the PEM key holds no seed"));
            NodeKey key = fromSeed(seed);
            byte[] attached = attachedPublicKey(der);
            if (attached != null && !Arrays.equals(attached, key.publicKey)) {
                throw new IllegalArgumentException("the PEM key's public key does not belong to its seed");
            }
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("the PEM block is not an Ed25519 PKCS#8 private key");
        }
    }

    /** The public key, 32 bytes. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Lower-case hex of the public key (64 digits): the node's identity, safe to show. */
    public String publicHex() {
        return HexFormat.of().formatHex(publicKey);
    }

    /** The 0.4 {@code PrivateKey} value: hex of seed ‖ public key. A secret: never log or print it. */
    String privateHex() {
        return HexFormat.of().formatHex(seed) + publicHex();
    }

    /** The 0.5 {@code PrivateKeyPath} file content (PKCS#8 PEM). A secret: never log or print it. */
    String pem() {
        byte[] der = Arrays.copyOf(PKCS8_PREFIX, 48);
        System.arraycopy(seed, 0, der, 16, 32);
        return PEM_BEGIN + "\n" + Base64.getEncoder().encodeToString(der) + "\n" + PEM_END + "\n";
    }

    /** Whether this is the key of a given public key hex (any case). */
    public boolean hasPublic(String hex) {
        return hex != null && publicHex().equals(hex.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeKey k && Arrays.equals(seed, k.seed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "NodeKey[public " + publicHex() + "]";
    }

    /**
     * The JDK derives an Ed25519 public key only while generating a pair; its generator draws the
     * 32-byte private key from the SecureRandom it is given, so a SecureRandom that hands out the
     * seed makes it derive the seed's public key (RFC 8032 §5.1.5).
     */
    private static byte[] derivePublic(byte[] seed) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            KeyPair pair = g.generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            if (spki.length != 44 || !Arrays.equals(Arrays.copyOf(spki, 12), SPKI_PREFIX)) {
                throw new IllegalStateException("unexpected Ed25519 public key encoding from the JDK");
            }
            return Arrays.copyOfRange(spki, 12, 44);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519: " + e.getMessage(), e);
        }
    }

    /** The public key a PKCS#8 v2 (OneAsymmetricKey) DER carries in its [1] field, or null. */
    private static byte[] attachedPublicKey(byte[] der) {
        // [1] IMPLICIT BIT STRING: 0x81, length 33, 0 unused bits, 32 key bytes, at the end.
        int n = der.length;
        if (n > 35 && der[n - 35] == (byte) 0x81 && der[n - 34] == 33 && der[n - 33] == 0) {
            return Arrays.copyOfRange(der, n - 32, n);
        }
        return null;
    }

    /** Hands out one fixed seed; see {@link #derivePublic}. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 generator asked for " + bytes.length + " random bytes, not 32");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }

    /** Reads a PEM key from bytes (UTF-8). */
    static NodeKey fromPem(byte[] pem) {
        return fromPem(new String(pem, StandardCharsets.UTF_8));
    }
}
