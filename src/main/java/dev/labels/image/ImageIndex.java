package dev.labels.image;

import java.util.List;
import java.util.Map;

/**
 * An OCI image index or a Docker manifest list: one entry per platform, plus (from buildx)
 * attestation entries that must not be mistaken for images.
 *
 * @param mediaType   {@link MediaTypes#OCI_INDEX} or {@link MediaTypes#DOCKER_MANIFEST_LIST}
 * @param manifests   entries in index order; never null
 * @param annotations never null
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">image-index.md</a>
 * @see <a href="https://github.com/distribution/distribution/blob/main/docs/content/spec/manifest-v2-2.md#manifest-list">manifest-v2-2.md: Manifest List</a>
 */
public record ImageIndex(String mediaType, List<Descriptor> manifests, Map<String, String> annotations)
        implements Manifest {

    public ImageIndex {
        manifests = Copies.list(manifests);
        annotations = Copies.strings(annotations);
    }
}
