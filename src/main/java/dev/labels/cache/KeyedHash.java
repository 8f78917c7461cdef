package dev.labels.cache;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a secret under a random key, for notes keyed by whose they are: a plain hash of a password
 * can be tried against guesses by anyone who reads it, a keyed one only by whoever also holds the key.
 */
final class KeyedHash {
    /** As long as the hash itself: a longer HMAC key adds nothing, a shorter one weakens it. */
    static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    /** The key of notes that outlive nothing ({@link Notes#NONE}, a cache folder that cannot keep one). */
    static final byte[] PROCESS_KEY = newKey();

    private KeyedHash() {
    }

    static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The hex HMAC-SHA256 of {@code secret} (UTF-8) under {@code key}. */
    static String of(byte[] key, String secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // Every Java runtime has HmacSHA256 (a required algorithm of the Mac class).
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }
}
