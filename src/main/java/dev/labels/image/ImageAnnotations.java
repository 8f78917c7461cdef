package dev.labels.image;

import java.util.Map;

/**
 * The annotations of an image, by where its builder put them: on the image index, on the index's descriptor of
 * the chosen manifest, on the manifest ({@code docker buildx build --annotation index:,manifest-descriptor:,manifest:},
 * GitHub's metadata-action). A part the image does not have is null: a single-platform image has no index and no
 * descriptor, a classic {@code docker save} archive not even a manifest.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/annotations.md">annotations.md</a>
 */
public record ImageAnnotations(Map<String, String> index, Map<String, String> descriptor,
                               Map<String, String> manifest) {

    /** An image with none of the three parts. */
    public static final ImageAnnotations NONE = new ImageAnnotations(null, null, null);

    public ImageAnnotations {
        index = index == null ? null : Copies.strings(index);
        descriptor = descriptor == null ? null : Copies.strings(descriptor);
        manifest = manifest == null ? null : Copies.strings(manifest);
    }
}
