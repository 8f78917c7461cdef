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
 */
public record ResolvedImage(String name, String manifestDigest, String configDigest, Platform platform,
                            ImageConfig config, Map<String, String> annotations, boolean platformFellBack) {
}
