package dev.labels.cache;

import java.util.Optional;

/**
 * Small facts a run learns about registries and leaves for the next runs, so that a Jenkins job that calls
 * {@code labels} once per deploy does not pay the discovery round trips every time: that a loopback registry
 * speaks plain HTTP, the auth challenge a registry answers with, and the tokens it granted.
 *
 * <p>Notes are hints: whatever they say is checked by the registry's answer, and a wrong note costs one
 * round trip, never a wrong result.
 */
public interface Notes {

    /** Remembers nothing. */
    Notes NONE = new Notes() {
        @Override
        public Optional<String> get(String kind, String key) {
            return Optional.empty();
        }

        @Override
        public void put(String kind, String key, String value, boolean secret) {
        }

        @Override
        public void remove(String kind, String key) {
        }

        @Override
        public String keyedHash(String secret) {
            return KeyedHash.of(KeyedHash.processKey(), secret);
        }
    };

    Optional<String> get(String kind, String key);

    /**
     * @param secret a token: kept only in a file that no one but the user can read (mode 0600 in a 0700
     *               folder), or not at all where the file system cannot promise that
     */
    void put(String kind, String key, String value, boolean secret);

    void remove(String kind, String key);

    /**
     * HMAC-SHA256 of a secret under a random key of these notes that only their owner can read: lets a note be
     * keyed by whose it is (a token, by the password it was fetched with) without the secret, or a plain hash
     * of it, ever being written. Notes that cannot keep a key use one of this process only.
     */
    String keyedHash(String secret);
}
