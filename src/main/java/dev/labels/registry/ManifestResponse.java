package dev.labels.registry;

/**
 * A manifest as the registry sent it: the exact bytes (digests are computed over them), the Content-Type that
 * says which kind of manifest it is, and the registry's {@code Docker-Content-Digest} header if any.
 */
public record ManifestResponse(byte[] body, String contentType, String digestHeader) {
}
