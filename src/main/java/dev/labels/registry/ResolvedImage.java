package dev.labels.registry;

import dev.labels.image.ImageConfig;
import dev.labels.image.Platform;
import dev.labels.reference.ImageReference;
import java.util.Map;

/**
 * One image as read from its registry: which manifest was read (after platform selection), its config, and
 * whether the platform was a fallback the user should be told about.
 *
 * @param manifestDigest the digest of the image manifest whose config this is
 * @param configDigest   the config blob's digest, or null for schema1 images (their config is inline)
 * @param annotations    the image manifest's OCI annotations (empty when none)
 * @param platformFellBack true when no image for the default platform existed and another was taken
 */
public record ResolvedImage(ImageReference reference, String manifestDigest, String configDigest, Platform platform,
                            ImageConfig config, Map<String, String> annotations, boolean platformFellBack) {
}
