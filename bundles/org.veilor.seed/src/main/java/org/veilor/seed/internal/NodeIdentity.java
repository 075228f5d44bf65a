package org.veilor.seed.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.veilor.core.FileAttrs;
import org.veilor.core.Host;
import org.veilor.seed.NodeId;

/**
 * The node's Ed25519 identity: generated on the node at first start (never carried in the image),
 * kept as an unencrypted PKCS#8 PEM file readable by the owner only (0600, written atomically
 * through the host), which OpenSSL reads too. A key file others can read is refused: it is the
 * node's identity on the mesh.
 */
final class NodeIdentity {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    /** RFC 8410 PKCS#8 prefix of an Ed25519 private key; the 32-byte seed follows. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private final PrivateKey privateKey;
    private final NodeId id;

    private NodeIdentity(PrivateKey privateKey, NodeId id) {
        this.privateKey = privateKey;
        this.id = id;
    }

    /** Loads the key at {@code hostPath}, or generates and stores one when there is none. */
    static NodeIdentity loadOrCreate(Host host, String hostPath) throws IOException {
        Path file = host.resolve(hostPath);
        if (!Files.exists(file)) {
            try {
                KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(kp.getPrivate().getEncoded())
                        + "\n" + END + "\n";
                host.writeAtomic(hostPath, pem.getBytes(StandardCharsets.US_ASCII), FileAttrs.PRIVATE);
            } catch (GeneralSecurityException e) {
                throw new IOException("this JVM cannot make Ed25519 keys: " + e.getMessage(), e);
            }
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            throw new IOException("the node key " + hostPath + " is readable by others ("
                    + java.nio.file.attribute.PosixFilePermissions.toString(perms) + "); it must be 0600");
        }
        return parse(host.readString(hostPath), hostPath);
    }

    private static NodeIdentity parse(String pem, String where) throws IOException {
        String body = pem.strip();
        if (!body.startsWith(BEGIN) || !body.endsWith(END)) {
            throw new IOException("the node key " + where + " is not a PEM private key");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body.substring(BEGIN.length(), body.length() - END.length()));
        } catch (IllegalArgumentException e) {
            throw new IOException("the node key " + where + " is not valid base64", e);
        }
        if (der.length != PKCS8_PREFIX.length + 32 || !Arrays.equals(Arrays.copyOf(der, PKCS8_PREFIX.length), PKCS8_PREFIX)) {
            throw new IOException("the node key " + where + " is not an Ed25519 PKCS#8 key");
        }
        try {
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(der));
            NodeId id = NodeId.of(publicOf(kf, Arrays.copyOfRange(der, PKCS8_PREFIX.length, der.length)));
            // The derivation leans on how the JDK's generator consumes its randomness: prove the pair.
            java.security.Signature s = java.security.Signature.getInstance("Ed25519");
            s.initSign(priv);
            s.update(PKCS8_PREFIX);
            if (!id.verifies(PKCS8_PREFIX, s.sign())) {
                throw new IOException("the node key " + where + ": cannot derive its public key on this JVM");
            }
            return new NodeIdentity(priv, id);
        } catch (GeneralSecurityException e) {
            throw new IOException("the node key " + where + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** Derives the public key from the 32-byte seed the way RFC 8032 does (the JDK has no direct call). */
    private static PublicKey publicOf(KeyFactory kf, byte[] seed) throws GeneralSecurityException {
        java.security.SecureRandom fixed = new java.security.SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        };
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        g.initialize(255, fixed);
        PublicKey pub = g.generateKeyPair().getPublic();
        return kf.generatePublic(new X509EncodedKeySpec(pub.getEncoded()));
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    NodeId id() {
        return id;
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + id.toShortHex() + "]"; // never the key
    }
}
