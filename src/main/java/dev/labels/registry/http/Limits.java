package dev.labels.registry.http;

/**
 * Upper bounds on what we read from a registry. A registry, a proxy in front of it or a man in the middle
 * can send anything; these keep a hostile or broken answer from exhausting memory.
 */
public final class Limits {
    /** Real manifests and indexes are a few KiB; the largest multi-arch indexes seen in the wild stay far below this. */
    public static final long MANIFEST_BYTES = 4L * 1024 * 1024;
    /** Image configs grow with history entries; 8 MiB is far above any real image's config. */
    public static final long CONFIG_BYTES = 8L * 1024 * 1024;
    /** Token responses and error documents are small JSON objects; anything larger is not one. */
    public static final long SMALL_BODY_BYTES = 64L * 1024;

    private Limits() {
    }
}
