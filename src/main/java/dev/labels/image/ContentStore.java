package dev.labels.image;

/**
 * Where the content of an image comes from: a registry through the cache, an OCI layout in a folder or a tar, a
 * {@code docker save} archive. {@link ImageWalk} reads every source through this one interface, as
 * go-containerregistry reads remote and layout images through one {@code v1.Image}, so index, platform, manifest
 * and config are walked, and annotated, the same way whatever the source.
 *
 * <p>What a store returns is verified: a manifest or blob asked for by digest hashes to it (a manifest's content
 * as {@link ManifestContent} defines it), and the manifest a reference names by tag is checked as far as the
 * source allows (a registry's {@code Docker-Content-Digest}). What cannot be read, or is read wrong, is the
 * store's own failure {@code E}, naming the image and the {@link Step}.
 *
 * @param <E> the source's failure
 */
public interface ContentStore<E extends Exception> {

    /** The manifest or index the reference names, by tag or by digest: where the walk starts. */
    Start start() throws E;

    /** The manifest or index {@code descriptor} points at, verified against its digest. */
    Manifest manifest(Descriptor descriptor, Step step) throws E;

    /** The blob {@code descriptor} points at (the walk reads configs only), verified against its digest. */
    byte[] blob(Descriptor descriptor, Step step) throws E;

    /** What the content says, found wrong or not an image at {@code step}, as this source's failure. */
    E failure(Step step, ImageException error);

    /**
     * Where the walk starts.
     *
     * @param name     the image's name in results: the reference, with the tag the store found when it had none
     * @param manifest what the reference names; for the platforms of one image listed straight in a layout's
     *                 index.json, those entries as one index
     * @param digest   its digest, or null when the store made it rather than read it (that list of platforms; the
     *                 manifest of a classic {@code docker save} archive, which has none: see
     *                 {@link ImageManifest#ofConfig})
     * @param listedIn the index the store found the manifest listed in (a layout's index.json), or null
     * @param entry    the entry of {@code listedIn} that names the manifest, or null
     */
    record Start(String name, Manifest manifest, String digest, ImageIndex listedIn, Descriptor entry) {

        /** A manifest that nothing in the store lists: a registry's, or a layout's asked for by digest. */
        public static Start of(String name, Manifest manifest, String digest) {
            return new Start(name, manifest, digest, null, null);
        }
    }

    /**
     * What the walk was doing when something failed, for the store's message: "reading manifest of
     * docker.io/library/alpine:3.20 (linux/arm64): ...".
     *
     * @param digest   the manifest's or config's digest, when the step reads one by digest; else null
     * @param platform the platform of the index entry being read, or null
     */
    record Step(Kind kind, String digest, Platform platform) {

        public enum Kind {
            /** Reading (and judging) the manifest the reference names. */
            READING_MANIFEST,
            /** Choosing the platform's entry of an index. */
            SELECTING_PLATFORM,
            /** Listing the image entries of an index, for every platform. */
            LISTING_PLATFORMS,
            /** Reading (and judging) the manifest an index entry points at. */
            READING_CHILD,
            /** Reading (and parsing) a config blob. */
            READING_CONFIG
        }

        static Step manifest(String digest) {
            return new Step(Kind.READING_MANIFEST, digest, null);
        }

        static Step child(Descriptor entry, Platform platform) {
            return new Step(Kind.READING_CHILD, entry.digest(), platform);
        }

        static Step config(String digest) {
            return new Step(Kind.READING_CONFIG, digest, null);
        }

        /** Whether this step reads a manifest or an index (rather than a config, or choosing among entries). */
        public boolean readsManifest() {
            return kind == Kind.READING_MANIFEST || kind == Kind.READING_CHILD;
        }
    }
}
