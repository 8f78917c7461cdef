package dev.labels.archive;

/**
 * Upper bounds on what is read from a file. The same sizes as for registries (registry/http/Limits): a
 * file can be as hostile or as broken as a registry answer, and these keep it from exhausting memory.
 */
final class ArchiveLimits {
    /** Manifests, indexes and index.json: a few KiB in practice. */
    static final long MANIFEST_BYTES = 4L * 1024 * 1024;
    /** Image configs grow with history entries; 8 MiB is far above any real image's config. */
    static final long CONFIG_BYTES = 8L * 1024 * 1024;
    /** docker save's manifest.json: one small object per image in the archive. */
    static final long DOCKER_MANIFEST_BYTES = 4L * 1024 * 1024;
    /** The oci-layout file is {"imageLayoutVersion": "1.0.0"}. */
    static final long OCI_LAYOUT_BYTES = 64L * 1024;
    /** GNU long names and pax headers: a path, a size, a few times over. */
    static final long TAR_EXTENSION_BYTES = 1024L * 1024;
    /**
     * The files of a tar are listed by name in memory. Image archives hold a few per image and layer (docker save:
     * four per layer); a hostile tar could hold millions of empty files, or names of a megabyte each.
     */
    static final int TAR_FILES = 100_000;
    /** And their names in all, in characters: a few MiB even for the largest docker save. */
    static final long TAR_NAME_CHARS = 16L * 1024 * 1024;

    /** In a gzip stream, entries up to this size that look like JSON are kept as they pass: they may be needed. */
    static final long GZIP_KEPT_ENTRY_BYTES = CONFIG_BYTES;
    /** And at most this much in all; past it, a needed entry is fetched by a second pass over the stream. */
    static final long GZIP_KEPT_TOTAL_BYTES = 64L * 1024 * 1024;

    private ArchiveLimits() {
    }

    /** "4 MiB", "512 KiB", "300 bytes": sizes in messages. */
    static String describe(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
