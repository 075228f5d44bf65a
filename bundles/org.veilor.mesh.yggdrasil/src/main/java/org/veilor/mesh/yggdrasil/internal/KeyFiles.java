package org.veilor.mesh.yggdrasil.internal;

/** The key file content for {@code ygg:keygen --out}: the one way a private key leaves this package. */
public final class KeyFiles {

    private KeyFiles() {
    }

    /** PKCS#8 PEM of a key, to be written 0600 and nowhere else. */
    public static String pem(NodeKey key) {
        return key.pem();
    }
}
