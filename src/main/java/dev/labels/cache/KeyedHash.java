package dev.labels.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * HMAC-SHA256 (RFC 2104) of a secret under a random key, for notes keyed by whose they are: a plain hash of a
 * password can be tried against guesses by anyone who reads it, a keyed one only by whoever also holds the key.
 *
 * <p>Written over {@link MessageDigest}, which a run has loaded already to verify digests: {@code javax.crypto.Mac}
 * would first set up the JCE policy, a large part of a cold start (docs/performance.md, Start-up).
 */
final class KeyedHash {
    /** As long as the hash itself: a longer HMAC key adds nothing, a shorter one weakens it. */
    static final int KEY_BYTES = 32;
    /** SHA-256's block size, which the HMAC key is padded to. */
    private static final int BLOCK_BYTES = 64;

    private KeyedHash() {
    }

    /** The key of notes that outlive nothing ({@link Notes#NONE}, a cache folder that cannot keep one). */
    static byte[] processKey() {
        return ProcessKey.KEY;
    }

    private static final class ProcessKey {
        static final byte[] KEY = newKey();
    }

    static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The hex HMAC-SHA256 of {@code secret} (UTF-8) under {@code key} (at most one block). */
    static String of(byte[] key, String secret) {
        if (key.length > BLOCK_BYTES) {
            throw new IllegalArgumentException("an HMAC key of " + key.length + " bytes (at most " + BLOCK_BYTES + ")");
        }
        byte[] inner = new byte[BLOCK_BYTES];
        byte[] outer = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            byte k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        MessageDigest sha256 = sha256();
        sha256.update(inner);
        byte[] innerHash = sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
        sha256.update(outer);
        return HexFormat.of().formatHex(sha256.digest(innerHash));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java runtime has SHA-256 (a required algorithm of MessageDigest).
            throw new IllegalStateException(e);
        }
    }
}
