package dev.labels.testing;

/**
 * The media types the fixtures are pushed with. Kept apart from the tool's own constants on purpose: the
 * harness must not share a typo with the code it checks.
 */
public final class FixtureMediaTypes {

    /** https://distribution.github.io/distribution/spec/manifest-v2-2/ */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /** https://github.com/opencontainers/image-spec/blob/v1.1.0/media-types.md */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

    /** The layer type of a BuildKit provenance/SBOM attestation manifest. */
    public static final String IN_TOTO = "application/vnd.in-toto+json";

    private FixtureMediaTypes() {
    }

    /** Whether a manifest of this type lists other manifests rather than describing one image. */
    public static boolean isIndex(String mediaType) {
        return DOCKER_MANIFEST_LIST.equals(mediaType) || OCI_INDEX.equals(mediaType);
    }
}
