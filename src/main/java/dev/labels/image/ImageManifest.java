package dev.labels.image;

import java.util.List;
import java.util.Map;

/**
 * An OCI image manifest or a Docker image manifest v2 schema 2: a config blob (where labels
 * live) and the layers. {@link Manifests#read} guarantees {@code config} has a digest, of the digest grammar.
 * Artifacts that are not images (Helm charts, SBOMs, signatures) use the same manifest: {@link #isImage} tells
 * them apart.
 *
 * @param mediaType   {@link MediaTypes#OCI_MANIFEST} or {@link MediaTypes#DOCKER_MANIFEST_V2}
 * @param config      descriptor of the image config blob; never null after parsing
 * @param layers      never null (empty when absent)
 * @param annotations never null
 * @param artifactType the OCI 1.1 {@code artifactType}, or null when the manifest has none
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/manifest.md">manifest.md</a>
 * @see <a href="https://github.com/distribution/distribution/blob/main/docs/content/spec/manifest-v2-2.md#image-manifest">manifest-v2-2.md: Image Manifest</a>
 */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers, Map<String, String> annotations,
                            String artifactType) implements Manifest {

    public ImageManifest {
        layers = Copies.list(layers);
        annotations = Copies.strings(annotations);
    }

    /**
     * The manifest an image without one stands for: a classic {@code docker save} archive lists each image's
     * config file in its manifest.json and has no manifest, so a store gives the walk this one to read the config
     * through (with no digest: it is not content).
     */
    public static ImageManifest ofConfig(Descriptor config) {
        return new ImageManifest(MediaTypes.DOCKER_MANIFEST_V2, config, List.of(), Map.of(), null);
    }

    /**
     * Whether this manifest is an image's rather than another artifact's: it has no {@code artifactType} (OCI
     * 1.1 sets that field only "when the manifest is used for an artifact"), and its config's media type is one
     * {@link MediaTypes#isImageConfig} accepts. Helm charts, SBOMs, signatures and OCI's empty config are not.
     *
     * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md#guidelines-for-artifact-usage">manifest.md: guidelines for artifact usage</a>
     */
    public boolean isImage() {
        return (artifactType == null || artifactType.isBlank()) && MediaTypes.isImageConfig(config.mediaType());
    }

    /**
     * This manifest, when it is an image's.
     *
     * @throws NotAnImageException naming the artifact by its artifactType, else its config's media type (as
     *         containers/image names it)
     */
    public ImageManifest requireImage() throws NotAnImageException {
        if (!isImage()) {
            throw new NotAnImageException(artifactType == null || artifactType.isBlank() ? config.mediaType()
                    : artifactType);
        }
        return this;
    }
}
