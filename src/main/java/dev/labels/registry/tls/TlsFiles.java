package dev.labels.registry.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where TLS material comes from, as the user gave it.
 *
 * @param caCertificates {@code --ca-cert} files (PEM, one or more certificates each), trusted for every
 *                       registry in addition to the JVM's own trust store
 * @param certDir        {@code --cert-dir}: a folder in Docker's certs.d layout used for every registry of the
 *                       run instead of the per-registry folders, as skopeo's {@code --cert-dir}; or null
 * @param certsRoot      the root of the per-registry folders, {@code ROOT/HOST[:PORT]/} (Docker's
 *                       {@code /etc/docker/certs.d}); or null for none
 */
public record TlsFiles(List<Path> caCertificates, Path certDir, Path certsRoot) {
    /** Docker's per-registry certificate folders. */
    public static final Path DOCKER_CERTS_D = Path.of("/etc/docker/certs.d");
    /** No options given: Docker's folders only. */
    public static final TlsFiles DEFAULT = new TlsFiles(List.of(), null, DOCKER_CERTS_D);

    public TlsFiles {
        caCertificates = List.copyOf(caCertificates);
    }

    /** The certs.d-style folder for a registry, or null when there is none. */
    public Path folderFor(String registry) {
        if (certDir != null) {
            return certDir;
        }
        if (certsRoot == null) {
            return null;
        }
        Path folder = certsRoot.resolve(registry);
        return Files.isDirectory(folder) ? folder : null;
    }

    /** Where a user would put a registry's certificates, for messages. */
    public Path folderHint(String registry) {
        return certDir != null ? certDir : (certsRoot != null ? certsRoot : DOCKER_CERTS_D).resolve(registry);
    }

    /** Where a user would put a registry's CA certificate, for messages. */
    public String caHint(String registry) {
        return folderHint(registry).resolve("ca.crt").toString();
    }
}
