package dev.labels.image;

import java.util.Map;

/**
 * A content descriptor: what to fetch ({@code digest}), how big it is, and how to read it.
 * Fields this tool does not need ({@code urls}, {@code artifactType}, {@code data}) are ignored.
 *
 * @param mediaType   the media type of the referenced content, may be null in sloppy JSON
 * @param digest      {@code algorithm:hex}, e.g. {@code sha256:...}; in every descriptor {@link Manifests#read}
 *                    returns, one {@link dev.labels.reference.DigestGrammar} accepts
 * @param size        bytes; 0 when absent
 * @param platform    only on index entries; {@code null} when absent
 * @param annotations never null; absent or null JSON becomes an empty map, null values ""
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md">descriptor.md</a>
 */
public record Descriptor(String mediaType, String digest, long size, Platform platform, Map<String, String> annotations) {

    /** Annotation buildx puts on attestation entries of an index. */
    public static final String REFERENCE_TYPE = "vnd.docker.reference.type";

    /** Value of {@link #REFERENCE_TYPE} for SBOM/provenance attestation manifests. */
    public static final String ATTESTATION_MANIFEST = "attestation-manifest";

    public Descriptor {
        annotations = Copies.strings(annotations);
    }

    /**
     * True for index entries that are not runnable images: buildx attestation manifests,
     * recognised either by their {@code unknown/unknown} platform or by the
     * {@code vnd.docker.reference.type: attestation-manifest} annotation.
     *
     * @see <a href="https://docs.docker.com/build/metadata/attestations/attestation-storage/">attestation storage</a>
     */
    public boolean isAttestation() {
        return (platform != null && platform.isUnknown())
                || ATTESTATION_MANIFEST.equals(annotations.get(REFERENCE_TYPE));
    }
}
