package dev.labels.cache;

/** Bytes read back from the cache, with the media type they were stored with (null for config blobs). */
public record CachedContent(byte[] content, String mediaType) {
}
