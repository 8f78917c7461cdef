package dev.labels.image;

import java.util.Map;

/**
 * One image as read from its source: which manifest was read (after platform selection), its config, and
 * whether the platform was a fallback the user should be told about.
 *
 * @param name           the image's canonical name, e.g. {@code docker.io/library/alpine:3.20}
 * @param manifestDigest the digest of the image manifest whose config this is
 * @param configDigest   the config blob's digest, or null for schema1 images (their config is inline)
 * @param annotations    the image manifest's OCI annotations (empty when none)
 * @param platformFellBack true when no image for the default platform existed and another was taken
 * @param configJson     the config blob exactly as stored, verified against {@code configDigest}
 *                       ({@code labels config} prints it byte for byte); null when there is no blob (schema1)
 *                       or the source does not keep it. Shared, not copied: never modify it. Records compare
 *                       arrays by identity, so two equal images with separate arrays are not {@code equals}.
 */
public record ResolvedImage(String name, String manifestDigest, String configDigest, Platform platform,
                            ImageConfig config, Map<String, String> annotations, boolean platformFellBack,
                            byte[] configJson) {

    /** An image whose source keeps no raw config bytes. */
    public ResolvedImage(String name, String manifestDigest, String configDigest, Platform platform,
                         ImageConfig config, Map<String, String> annotations, boolean platformFellBack) {
        this(name, manifestDigest, configDigest, platform, config, annotations, platformFellBack, null);
    }
}
