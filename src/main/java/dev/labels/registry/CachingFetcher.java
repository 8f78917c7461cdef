package dev.labels.registry;

import dev.labels.cache.CachedContent;
import dev.labels.cache.ImageCache;
import dev.labels.image.Digests;
import dev.labels.image.ImageException;
import dev.labels.image.MediaTypes;
import dev.labels.reference.ImageReference;
import dev.labels.registry.RegistryException.Kind;
import dev.labels.registry.http.Limits;
import java.util.Optional;

/**
 * Manifests and configs from the cache when it has them, else from the registry (then stored). Content is
 * only ever stored under the digest it was verified to have, so what the cache returns is what the registry
 * served.
 *
 * <p>Requests per image: a digest reference with everything cached costs none; a tag seen before costs one
 * HEAD (is it still the same digest?); a tag never seen costs one GET of the manifest.
 */
final class CachingFetcher {
    private final RegistryClient client;
    private final ImageCache cache;

    CachingFetcher(RegistryClient client, ImageCache cache) {
        this.client = client;
        this.cache = cache;
    }

    /** The manifest the reference points at, by digest when it has one, else by tag. */
    /**
     * @param source " (answer from HOST)" when another host than the reference's registry answers, for errors
     *               about what was sent
     */
    Fetched top(Operation operation, ImageReference image, Deadline deadline, String source)
            throws RegistryException {
        if (image.hasDigest()) {
            return byDigest(operation, image, image.digest(), deadline, source);
        }
        String tagKey = image.registry() + "/" + image.repository() + ":" + image.tag();
        Optional<String> seen = cache.tagDigest(tagKey);
        if (seen.isPresent()) {
            Optional<String> current = client.headManifestDigest(operation, image, image.tag(), deadline);
            if (current.isPresent()) {
                Fetched fetched = byDigest(operation, image, current.get(), deadline, source);
                if (!current.get().equals(seen.get())) {
                    cache.putTagDigest(tagKey, current.get()); // the tag moved; unchanged, it needs no write
                }
                return fetched;
            }
        }
        ManifestResponse response = client.fetchManifest(operation, image, image.tag(), deadline);
        checkDigestHeader(operation, response, source);
        String digest = digestOf(response);
        if (isContentAddressed(response)) {
            cache.put(digest, response.body(), response.contentType());
            cache.putTagDigest(tagKey, digest);
        }
        return new Fetched(response.body(), response.contentType(), digest);
    }

    /** A manifest by digest, verified. */
    Fetched byDigest(Operation operation, ImageReference image, String digest, Deadline deadline, String source)
            throws RegistryException {
        Optional<CachedContent> cached = cache.get(digest);
        if (cached.isPresent()) {
            return new Fetched(cached.get().content(), cached.get().mediaType(), digest);
        }
        ManifestResponse response = client.fetchManifest(operation, image, digest, deadline);
        // A signed schema1 manifest's digest covers its payload without the signatures, not the bytes we got;
        // schema1 is long deprecated and only read as a last resort, so it is neither checked nor cached.
        if (isContentAddressed(response)) {
            verify(operation, response.body(), digest, "manifest", source);
            cache.put(digest, response.body(), response.contentType());
        }
        return new Fetched(response.body(), response.contentType(), digest);
    }

    /** A config blob by digest, verified. */
    byte[] config(Operation operation, ImageReference image, String digest, Deadline deadline, String source)
            throws RegistryException {
        Optional<CachedContent> cached = cache.get(digest);
        if (cached.isPresent()) {
            return cached.get().content();
        }
        byte[] config = client.fetchBlob(operation, image, digest, Limits.CONFIG_BYTES, deadline);
        verify(operation, config, digest, "config", source);
        cache.put(digest, config, null);
        return config;
    }

    /**
     * A manifest asked for by tag has nothing to be checked against but the registry's
     * {@code Docker-Content-Digest}. A registry computes that header over the bytes it stores; bytes that hash
     * differently were changed on the way (a proxy or cache rewriting the manifest), so they are refused like a
     * digest mismatch rather than trusted. A header that is not a digest we can compute is ignored, and schema1
     * (whose registries disagree on what the header covers) is not checked.
     */
    private static void checkDigestHeader(Operation operation, ManifestResponse response, String source)
            throws RegistryException {
        String header = response.digestHeader() == null ? null : response.digestHeader().strip();
        if (header != null && Digests.isSupported(header) && !MediaTypes.isSchema1(MediaTypes.base(response.contentType()))) {
            verify(operation, response.body(), header,
                    "manifest (its Docker-Content-Digest header; a proxy or cache may have altered it)", source);
        }
    }

    private static boolean isContentAddressed(ManifestResponse response) {
        return !MediaTypes.DOCKER_SCHEMA1_SIGNED.equals(MediaTypes.base(response.contentType()));
    }

    private static String digestOf(ManifestResponse response) {
        if (!isContentAddressed(response) && response.digestHeader() != null) {
            return response.digestHeader();
        }
        return Digests.sha256(response.body());
    }

    private static void verify(Operation operation, byte[] content, String digest, String what, String source)
            throws RegistryException {
        try {
            Digests.verify(content, digest, what);
        } catch (ImageException e) {
            throw operation.fail(Kind.REGISTRY_ERROR, e.getMessage() + source, 0, e);
        }
    }

    /** A manifest's bytes, its media type as served or stored, and its digest. */
    record Fetched(byte[] body, String contentType, String digest) {
    }
}
