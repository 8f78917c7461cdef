package dev.labels.image;

import java.util.List;
import java.util.Locale;

/**
 * Media types of the manifests and configs this tool understands, and the Accept list sent
 * when fetching a manifest.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/media-types.md">OCI media-types.md</a>
 * @see <a href="https://github.com/distribution/distribution/blob/main/docs/content/spec/manifest-v2-2.md">Docker manifest-v2-2.md</a>
 */
public final class MediaTypes {

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    public static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /**
     * Manifest types for the {@code Accept} header, most preferred first. Indexes come first so
     * a multi-arch tag resolves to its index (we pick the platform ourselves); schema1 comes
     * last because registries that support nothing newer are the only ones that should use it,
     * and a registry that gets no schema1 type at all may answer 404 for such tags.
     */
    public static final List<String> ACCEPT_MANIFESTS = List.of(
            OCI_INDEX,
            DOCKER_MANIFEST_LIST,
            OCI_MANIFEST,
            DOCKER_MANIFEST_V2,
            DOCKER_SCHEMA1_SIGNED,
            DOCKER_SCHEMA1);

    /** Content types that say nothing about the manifest kind; the body must decide. */
    static final List<String> GENERIC = List.of("application/json", "text/plain", "application/octet-stream");

    private MediaTypes() {
    }

    /** {@link #ACCEPT_MANIFESTS} joined for an HTTP {@code Accept} header. */
    public static String acceptHeader() {
        return String.join(", ", ACCEPT_MANIFESTS);
    }

    /**
     * The bare media type of a Content-Type value: parameters such as {@code ; charset=utf-8}
     * removed, trimmed, lower-cased (media types are case-insensitive, RFC 9110 8.3.1).
     * Returns {@code null} for a null or blank value.
     */
    public static String base(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String bare = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).strip();
        return bare.isEmpty() ? null : bare.toLowerCase(Locale.ROOT);
    }

    /** OCI index or Docker manifest list. */
    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }

    /** OCI image manifest or Docker image manifest v2 schema 2. */
    public static boolean isImageManifest(String mediaType) {
        return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST_V2.equals(mediaType);
    }

    /** Docker schema 1, signed or not. */
    public static boolean isSchema1(String mediaType) {
        return DOCKER_SCHEMA1.equals(mediaType) || DOCKER_SCHEMA1_SIGNED.equals(mediaType);
    }

    /**
     * Whether a config of this media type makes its manifest an image's: OCI's image config or Docker's container
     * config, in either kind of manifest (an OCI manifest with a Docker config is a "mixed" image, which Docker
     * and containerd run), or a type that says nothing: none, or a generic one such as
     * {@code application/octet-stream}, which {@code docker push} wrote in Docker 1.10 and 1.11
     * (distribution#1621) and Docker Hub still serves. Any other type is an artifact's (Helm's
     * {@code application/vnd.cncf.helm.config.v1+json}, OCI's empty {@code application/vnd.oci.empty.v1+json}).
     */
    public static boolean isImageConfig(String configMediaType) {
        String bare = base(configMediaType);
        return OCI_CONFIG.equals(bare) || DOCKER_CONFIG.equals(bare) || isGeneric(bare);
    }

    /** True for the content types that carry no information (see {@link #base}). */
    static boolean isGeneric(String bareType) {
        return bareType == null || GENERIC.contains(bareType);
    }
}
