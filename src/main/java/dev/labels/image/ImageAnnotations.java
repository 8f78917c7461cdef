package dev.labels.image;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * Annotations that registries, layouts and builders keep for their own bookkeeping, not metadata about the
     * image: a layout's tag ({@code org.opencontainers.image.ref.name}, image-layout.md), the name containerd and
     * Docker 25+ give an exported image ({@code io.containerd.image.name}), and what buildx writes on the
     * descriptors of attestation manifests ({@code vnd.docker.reference.type}, {@code .digest}). A trailing
     * {@code *} matches any rest of the key. {@link #merged} leaves them out; {@code --full} still shows them.
     */
    public static final List<String> BOOKKEEPING = List.of(
            "org.opencontainers.image.ref.name",
            "io.containerd.image.name",
            "vnd.docker.reference.*");

    /** An image with none of the three parts. */
    public static final ImageAnnotations NONE = new ImageAnnotations(null, null, null);

    public ImageAnnotations {
        index = index == null ? null : Copies.strings(index);
        descriptor = descriptor == null ? null : Copies.strings(descriptor);
        manifest = manifest == null ? null : Copies.strings(manifest);
    }

    /**
     * {@code labels} with the annotations of the three parts under them: a label wins over any annotation of the
     * same key, then the manifest's annotation, the descriptor's, the index's. {@link #BOOKKEEPING} annotations
     * are left out. In that order of precedence, from the lowest; keys keep their first place.
     */
    public Map<String, String> merged(Map<String, String> labels) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Map<String, String> part : Arrays.asList(index, descriptor, manifest)) {
            if (part != null) {
                part.forEach((key, value) -> {
                    if (!isBookkeeping(key)) {
                        merged.put(key, value);
                    }
                });
            }
        }
        merged.putAll(labels);
        return merged;
    }

    /** Whether {@code key} is one of the {@link #BOOKKEEPING} annotations. */
    public static boolean isBookkeeping(String key) {
        for (String pattern : BOOKKEEPING) {
            boolean matches = pattern.endsWith("*") ? key.startsWith(pattern.substring(0, pattern.length() - 1))
                    : key.equals(pattern);
            if (matches) {
                return true;
            }
        }
        return false;
    }
}
