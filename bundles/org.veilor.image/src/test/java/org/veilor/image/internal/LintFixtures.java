package org.veilor.image.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Trees and secrets in their real formats for lint tests. */
public final class LintFixtures {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private LintFixtures() {
    }

    /** A clean rendered tree (default configuration, no contributions). */
    public static Path cleanTree(Path dir) throws IOException {
        Path out = dir.resolve("tree");
        TestTrees.assertNoErrors(TestTrees.render(out, TestTrees.settings(dir, Map.of()), List.of(), false));
        return out;
    }

    /**
     * A key in the format {@code cosign generate-key-pair} writes: PEM type ENCRYPTED SIGSTORE PRIVATE
     * KEY around base64 JSON with scrypt KDF parameters, a nacl/secretbox nonce and the ciphertext.
     * Salt, nonce and ciphertext are random bytes of the real lengths (no cosign here to make one).
     */
    public static String encryptedCosignKey() {
        String json = "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":65536,\"r\":8,\"p\":1},\"salt\":\"" + b64(32)
                + "\"},\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"" + b64(24) + "\"},\"ciphertext\":\"" + b64(154) + "\"}";
        return "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(json.getBytes(StandardCharsets.UTF_8))
                + "\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n";
    }

    /** A Headscale 0.28+ key: {@code hskey-<kind>-} + 12-char prefix + {@code -} + 64-char secret (base64url alphabet). */
    public static String headscaleKey(String kind) {
        return "hskey-" + kind + "-" + chars(12) + "-" + chars(64);
    }

    private static String chars(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(B64URL.charAt(RANDOM.nextInt(B64URL.length())));
        }
        return sb.toString();
    }

    private static String b64(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
