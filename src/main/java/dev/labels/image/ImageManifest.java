package dev.labels.image;

import java.util.List;
import java.util.Map;

/**
 * An OCI image manifest or a Docker image manifest v2 schema 2: a config blob (where labels
 * live) and the layers. {@link Manifests#read} guarantees {@code config} has a digest, of the digest grammar.
 *
 * @param mediaType   {@link MediaTypes#OCI_MANIFEST} or {@link MediaTypes#DOCKER_MANIFEST_V2}
 * @param config      descriptor of the image config blob; never null after parsing
 * @param layers      never null (empty when absent)
 * @param annotations never null
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/manifest.md">manifest.md</a>
 * @see <a href="https://github.com/distribution/distribution/blob/main/docs/content/spec/manifest-v2-2.md#image-manifest">manifest-v2-2.md: Image Manifest</a>
 */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers, Map<String, String> annotations)
        implements Manifest {

    public ImageManifest {
        layers = Copies.list(layers);
        annotations = Copies.strings(annotations);
    }
}
