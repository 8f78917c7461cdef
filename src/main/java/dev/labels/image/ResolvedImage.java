package dev.labels.image;

import java.util.Map;

/**
 * One image as read from its source by {@link ImageWalk}: which manifest was read (after platform selection), its
 * config, its annotations, and whether the platform was a fallback the user should be told about.
 *
 * @param name           the image's canonical name, e.g. {@code docker.io/library/alpine:3.20}
 * @param manifestDigest the digest of the image manifest whose config this is; null when there is no manifest
 *                       (a classic {@code docker save} archive)
 * @param configDigest   the config blob's digest, or null for schema 1 images (their config is inline)
 * @param annotations    the annotations of the index, its entry and the manifest, where the image has them
 * @param platformFellBack true when no image for the default platform existed and another was taken
 * @param configJson     the config blob exactly as stored, verified against {@code configDigest}
 *                       ({@code labels config} prints it byte for byte); null for schema 1, which has no blob.
 *                       Shared, not copied: never modify it. Records compare arrays by identity, so two equal
 *                       images with separate arrays are not {@code equals}.
 */
public record ResolvedImage(String name, String manifestDigest, String configDigest, Platform platform,
                            ImageConfig config, ImageAnnotations annotations, boolean platformFellBack,
                            byte[] configJson) {

    public ResolvedImage {
        annotations = annotations == null ? ImageAnnotations.NONE : annotations;
    }

    /** The config's labels with the image's annotations under them ({@link ImageAnnotations#merged}). */
    public Map<String, String> labelsAndAnnotations() {
        return annotations.merged(config.labels());
    }
}
