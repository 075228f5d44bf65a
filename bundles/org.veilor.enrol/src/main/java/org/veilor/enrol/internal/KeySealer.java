package org.veilor.enrol.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.veilor.enrol.internal.SecretFile.SecretFileException;

/**
 * The at-rest cryptography of enrolment, all from the one key in the at-rest key file (32 random
 * bytes, base64):
 * <ul>
 * <li>pre-auth keys sealed with AES-256-GCM (random 96-bit nonce; the enrolment ID and generation
 * as associated data, so a sealed key cannot be moved to another row) until their page is opened;</li>
 * <li>page tokens derived with HMAC-SHA-256 from the enrolment ID and generation, so a DM sent
 * again after a lost answer carries the same link, while the database stores only the token's
 * SHA-256 (a copy of the database opens no page);</li>
 * <li>fingerprints: {@code SHA256:} and 16 hex digits of the key, all that is kept once shown.</li>
 * </ul>
 * Separate subkeys for sealing and tokens are derived with HMAC from the file key.
 */
public final class KeySealer {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String VERSION = "v1:";

    private final SecretFile file;

    public KeySealer(SecretFile file) {
        this.file = file;
    }

    /**
     * Creates the key file with a random key, mode 0600, unless it exists.
     *
     * @return whether a file was created
     */
    public static boolean createIfMissing(Path keyFile) throws IOException {
        if (Files.exists(keyFile)) {
            return false;
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return ExclusiveFile.create(keyFile, (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Seals a pre-auth key for the enrolment's row. */
    public String seal(String key, long enrolmentId, int generation) throws SecretFileException {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(subkey("veilor-enrol seal v1"), "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad(enrolmentId, generation));
            byte[] sealed = c.doFinal(key.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a sealed key.
     *
     * @throws SecretFileException when the key file is unusable, or when the seal does not open
     *         with it (another key file, or a changed row)
     */
    public String open(String sealed, long enrolmentId, int generation) throws SecretFileException {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new SecretFileException("the sealed key of enrolment " + enrolmentId + " is not in a known format");
        }
        byte[] all = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(subkey("veilor-enrol seal v1"), "AES"), new GCMParameterSpec(128, all, 0, 12));
            c.updateAAD(aad(enrolmentId, generation));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretFileException("the sealed key of enrolment " + enrolmentId + " does not open with the key in "
                    + file.path() + " (was the at-rest key file replaced?)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** The page token of an enrolment's generation (URL-safe, 43 characters). */
    public String pageToken(long enrolmentId, int generation) throws SecretFileException {
        byte[] mac = hmac(subkey("veilor-enrol page v1"), aad(enrolmentId, generation));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /** What the database stores of a page token: its SHA-256, hex. */
    public static String tokenHash(String token) {
        return HexFormat.of().formatHex(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code SHA256:} and the first 16 hex digits of the key's SHA-256. */
    public static String fingerprint(String key) {
        return "SHA256:" + HexFormat.of().formatHex(sha256(key.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    /** Checks that the key file holds a usable key. */
    public void check() throws SecretFileException {
        subkey("check");
    }

    private byte[] subkey(String purpose) throws SecretFileException {
        String text = file.read();
        byte[] master;
        try {
            master = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new SecretFileException("the at-rest key file " + file.path() + " must hold 32 bytes in base64 (head -c 32 /dev/urandom | base64)");
        }
        if (master.length != 32) {
            throw new SecretFileException("the at-rest key file " + file.path() + " holds " + master.length
                    + " bytes, not 32 (head -c 32 /dev/urandom | base64)");
        }
        return hmac(master, purpose.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] aad(long enrolmentId, int generation) {
        return ByteBuffer.allocate(12).putLong(enrolmentId).putInt(generation).array();
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
