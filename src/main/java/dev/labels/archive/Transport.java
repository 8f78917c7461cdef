package dev.labels.archive;

import java.util.Optional;

/**
 * The kinds of file an image can be read from, named by the prefix of a reference, as skopeo names its
 * transports: {@code oci:}, {@code oci-archive:}, {@code docker-archive:}.
 *
 * @see <a href="https://github.com/containers/image/blob/main/docs/containers-transports.5.md">containers-transports(5)</a>
 */
public enum Transport {
    /** An OCI image layout folder: {@code oci-layout}, {@code index.json}, {@code blobs/ALG/HEX}. */
    OCI("oci"),
    /** The same layout in a tar file, possibly gzip-compressed. */
    OCI_ARCHIVE("oci-archive"),
    /** What {@code docker save} writes: {@code manifest.json} and, since Docker 25, an OCI layout too. */
    DOCKER_ARCHIVE("docker-archive");

    private final String prefix;

    Transport(String name) {
        this.prefix = name + ":";
    }

    /** {@code oci:}, {@code oci-archive:} or {@code docker-archive:}. */
    public String prefix() {
        return prefix;
    }

    /** The transport a reference names by its prefix, if any; registry references have none. */
    public static Optional<Transport> of(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        for (Transport transport : values()) {
            if (reference.startsWith(transport.prefix)) {
                return Optional.of(transport);
            }
        }
        return Optional.empty();
    }
}
