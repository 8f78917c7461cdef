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
    Fetched top(Operation operation, ImageReference image) throws RegistryException {
        if (image.hasDigest()) {
            return byDigest(operation, image, image.digest());
        }
        String tagKey = image.registry() + "/" + image.repository() + ":" + image.tag();
        if (cache.tagDigest(tagKey).isPresent()) {
            Optional<String> current = client.headManifestDigest(operation, image, image.tag());
            if (current.isPresent()) {
                Fetched fetched = byDigest(operation, image, current.get());
                cache.putTagDigest(tagKey, current.get());
                return fetched;
            }
        }
        ManifestResponse response = client.fetchManifest(operation, image, image.tag());
        String digest = digestOf(response);
        if (isContentAddressed(response)) {
            cache.put(digest, response.body(), response.contentType());
            cache.putTagDigest(tagKey, digest);
        }
        return new Fetched(response.body(), response.contentType(), digest);
    }

    /** A manifest by digest, verified. */
    Fetched byDigest(Operation operation, ImageReference image, String digest) throws RegistryException {
        Optional<CachedContent> cached = cache.get(digest);
        if (cached.isPresent()) {
            return new Fetched(cached.get().content(), cached.get().mediaType(), digest);
        }
        ManifestResponse response = client.fetchManifest(operation, image, digest);
        // A signed schema1 manifest's digest covers its payload without the signatures, not the bytes we got;
        // schema1 is long deprecated and only read as a last resort, so it is neither checked nor cached.
        if (isContentAddressed(response)) {
            verify(operation, response.body(), digest, "manifest");
            cache.put(digest, response.body(), response.contentType());
        }
        return new Fetched(response.body(), response.contentType(), digest);
    }

    /** A config blob by digest, verified. */
    byte[] config(Operation operation, ImageReference image, String digest) throws RegistryException {
        Optional<CachedContent> cached = cache.get(digest);
        if (cached.isPresent()) {
            return cached.get().content();
        }
        byte[] config = client.fetchBlob(operation, image, digest, Limits.CONFIG_BYTES);
        verify(operation, config, digest, "config");
        cache.put(digest, config, null);
        return config;
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

    private static void verify(Operation operation, byte[] content, String digest, String what)
            throws RegistryException {
        try {
            Digests.verify(content, digest, what);
        } catch (ImageException e) {
            throw operation.fail(Kind.REGISTRY_ERROR, e.getMessage(), 0, e);
        }
    }

    /** A manifest's bytes, its media type as served or stored, and its digest. */
    record Fetched(byte[] body, String contentType, String digest) {
    }
}
