package org.veilor.seed;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A node's identity: its Ed25519 public key, 32 bytes, which is also iroh's endpoint id. Displayed
 * as 64 lowercase hex characters, as iroh displays an {@code EndpointId}. Only keys that are points
 * on the curve are accepted (iroh refuses the others when it decodes a ticket).
 */
public final class NodeId {

    /** Bytes of a node id. */
    public static final int LENGTH = 32;

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the raw key follows it. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    /** The curve constant d = -121665 / 121666 mod p. */
    private static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);

    private final byte[] bytes;

    private NodeId(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * A node id from its 32 bytes.
     *
     * @throws IllegalArgumentException when the length is wrong or the bytes are not a curve point
     */
    public static NodeId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a node id has 32 bytes, not " + bytes.length);
        }
        if (!isCurvePoint(bytes)) {
            throw new IllegalArgumentException("not an Ed25519 public key (not a point on the curve): "
                    + HexFormat.of().formatHex(bytes));
        }
        return new NodeId(bytes.clone());
    }

    /** Parses 64 hex characters. */
    public static NodeId parse(String hex) {
        String s = hex == null ? "" : hex.strip();
        if (s.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("not a node id: '" + hex + "' (expected 64 hex characters)");
        }
        try {
            return of(HexFormat.of().parseHex(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a node id: '" + hex + "' (not hex)", e);
        }
    }

    /** The node id of a JDK Ed25519 public key. */
    public static NodeId of(PublicKey key) {
        byte[] der = key.getEncoded();
        boolean ed25519 = "Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm());
        if (!ed25519 || der.length != 44) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return of(Arrays.copyOfRange(der, X509_PREFIX.length, der.length));
    }

    /**
     * Whether 32 bytes decompress to a point of Edwards25519, the check iroh makes (curve25519-dalek's
     * decompression: y is read modulo p without its sign bit; the point exists when (y²−1)/(d·y²+1)
     * is a square modulo p).
     */
    public static boolean isCurvePoint(byte[] bytes) {
        byte[] be = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            be[i] = bytes[LENGTH - 1 - i];
        }
        be[0] &= 0x7f;
        BigInteger y = new BigInteger(1, be).mod(P);
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
        BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
        // Euler's criterion: a square (or zero) raised to (p-1)/2 is 1 (or 0).
        BigInteger legendre = x2.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P);
        return legendre.signum() == 0 || legendre.equals(BigInteger.ONE);
    }

    /** The 32 bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The key for the JDK's Ed25519 {@link Signature}. */
    public PublicKey publicKey() {
        byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + LENGTH);
        System.arraycopy(bytes, 0, der, X509_PREFIX.length, LENGTH);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot load Ed25519 keys: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} is this node's Ed25519 signature of {@code data}. */
    public boolean verifies(byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey());
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a malformed signature is simply not a valid one
        }
    }

    /** 64 lowercase hex characters. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** The first 5 bytes in hex, for compact status lines (as iroh's {@code fmt_short}). */
    public String toShortHex() {
        return HexFormat.of().formatHex(bytes, 0, 5);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeId n && Arrays.equals(bytes, n.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
