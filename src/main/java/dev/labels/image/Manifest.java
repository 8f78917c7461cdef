package dev.labels.image;

/**
 * What a registry returns for {@code GET /v2/<name>/manifests/<reference>}: an index of
 * per-platform manifests, an image manifest, or a legacy schema 1 manifest.
 * Sealed so callers can switch over the three kinds exhaustively.
 *
 * @see Manifests#parse(byte[], String)
 */
public sealed interface Manifest permits ImageIndex, ImageManifest, Schema1Manifest {

    /** The media type this manifest was recognised as (one of {@link MediaTypes}). */
    String mediaType();
}
