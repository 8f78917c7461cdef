package dev.labels.cache;

import java.util.Optional;

/**
 * What a run remembers across runs: manifests and configs by digest (content-addressed, so an entry can
 * never be stale, only corrupt — and corrupt entries are detected on read), and the digest a tag pointed at
 * last time (a hint, always checked with the registry).
 */
public interface ImageCache {

    /** No cache: every read goes to the registry ({@code --no-cache}). */
    ImageCache NONE = new ImageCache() {
        @Override
        public Optional<CachedContent> get(String digest) {
            return Optional.empty();
        }

        @Override
        public void put(String digest, byte[] content, String mediaType) {
        }

        @Override
        public Optional<String> tagDigest(String image) {
            return Optional.empty();
        }

        @Override
        public void putTagDigest(String image, String digest) {
        }
    };

    /** The content stored under a digest, verified against it; empty when absent or corrupt. */
    Optional<CachedContent> get(String digest);

    /**
     * Stores content under its digest. The caller has verified that the content has that digest.
     *
     * @param mediaType the manifest's media type, or null for a config blob
     */
    void put(String digest, byte[] content, String mediaType);

    /** The digest that {@code image} (registry/repository:tag) resolved to last time. */
    Optional<String> tagDigest(String image);

    void putTagDigest(String image, String digest);
}
