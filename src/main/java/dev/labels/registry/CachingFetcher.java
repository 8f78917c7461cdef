package dev.labels.registry;

import dev.labels.cache.CachedContent;
import dev.labels.cache.ImageCache;
import dev.labels.error.LabelsException.Kind;
import dev.labels.image.Digests;
import dev.labels.image.ImageException;
import dev.labels.image.Manifest;
import dev.labels.image.ManifestContent;
import dev.labels.image.Manifests;
import dev.labels.reference.DigestGrammar;
import dev.labels.reference.ImageReference;
import dev.labels.registry.http.Limits;
import dev.labels.registry.transport.Deadline;
import dev.labels.registry.transport.Operation;
import dev.labels.registry.transport.RegistryException;
import java.util.Optional;

/**
 * Manifests and configs from the cache when it has them, else from the registry (then stored). A manifest
 * asked for by digest is checked against it whatever its kind or Content-Type: its content, the bytes it is
 * read from (for a signed schema 1 manifest, the payload without the signatures: {@link ManifestContent}),
 * must hash to the digest. Content is only ever stored under the digest it was verified to have, so what the
 * cache returns is what the registry served.
 *
 * <p>Requests per image: a digest reference with everything cached costs none; a tag seen before costs one
 * HEAD (is it still the same digest?), or one GET on a registry whose HEAD tells no digest
 * ({@link ManifestHeads}); a tag never seen costs one GET of the manifest.
 */
final class CachingFetcher {
    private final RegistryClient client;
    private final ImageCache cache;

    CachingFetcher(RegistryClient client, ImageCache cache) {
        this.client = client;
        this.cache = cache;
    }

    /**
     * The manifest the reference points at, by digest when it has one, else by tag.
     *
     * @param source " (answer from HOST)" when another host than the reference's registry answers, for errors
     *               about what was sent
     */
    Fetched top(Operation operation, ImageReference image, Deadline deadline, String source)
            throws RegistryException {
        if (image.hasDigest()) {
            return byDigest(operation, image, image.digest(), deadline, source);
        }
        String tagKey = tagKey(image);
        Optional<String> seen = cache.tagDigest(tagKey);
        if (seen.isEmpty()) {
            return byTag(operation, image, tagKey, deadline, source);
        }
        try (ManifestHeads.Turn turn = client.manifestHeads().turn(image.registry(), deadline)) {
            if (!turn.worthAsking()) {
                return byTag(operation, image, tagKey, deadline, source);
            }
            Optional<String> current = headDigest(operation, image, deadline);
            if (current.isEmpty()) {
                // The GET decides: a tag that is really gone fails here, and teaches nothing about HEAD.
                Fetched fetched = byTag(operation, image, tagKey, deadline, source);
                turn.toldNothing();
                return fetched;
            }
            turn.told();
            Fetched fetched = byDigest(operation, image, current.get(), deadline, source);
            if (!current.get().equals(seen.get())) {
                cache.putTagDigest(tagKey, current.get()); // the tag moved; unchanged, it needs no write
            }
            return fetched;
        }
    }

    /**
     * The digest a HEAD tells, or empty when it tells none: no usable {@code Docker-Content-Digest}, or a HEAD
     * refused while GET may work (405 from older Nexus and some proxies, 404 or 403 from some gateways, 501).
     * A 401 or 429 would meet the GET too, and a 5xx or a network failure has had its retries: those are the
     * answer.
     */
    private Optional<String> headDigest(Operation operation, ImageReference image, Deadline deadline)
            throws RegistryException {
        try {
            return client.headManifestDigest(operation, image, image.tag(), deadline);
        } catch (RegistryException e) {
            int status = e.httpStatus();
            boolean refused = status == 501 || (status >= 400 && status < 500 && status != 401 && status != 429);
            if (refused) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * GET by tag: the manifest, its digest computed from the bytes (and checked against the registry's
     * {@code Docker-Content-Digest} when it sends one), and the tag noted as pointing at it.
     */
    private Fetched byTag(Operation operation, ImageReference image, String tagKey, Deadline deadline, String source)
            throws RegistryException {
        ManifestResponse response = client.fetchManifest(operation, image, image.tag(), deadline);
        ManifestContent content = read(operation, response.body(), response.contentType(), source);
        checkDigestHeader(operation, response, content, source);
        String digest = content.digest();
        cache.put(digest, content.content(), typeToKeep(content));
        cache.putTagDigest(tagKey, digest);
        return new Fetched(content.manifest(), digest);
    }

    /**
     * Whether the cache knows the manifest the reference points at: by digest, or the tag seen before (checked
     * with a HEAD, which Docker Hub does not count as a pull). Reads nothing from the registry.
     */
    boolean inCache(ImageReference image) {
        return image.hasDigest() ? cache.get(image.digest()).isPresent() : cache.tagDigest(tagKey(image)).isPresent();
    }

    private static String tagKey(ImageReference image) {
        return image.registry() + "/" + image.repository() + ":" + image.tag();
    }

    /** A manifest by digest, verified. */
    Fetched byDigest(Operation operation, ImageReference image, String digest, Deadline deadline, String source)
            throws RegistryException {
        Optional<ManifestContent> cached = cachedManifest(digest);
        if (cached.isPresent()) {
            return new Fetched(cached.get().manifest(), digest);
        }
        ManifestResponse response = client.fetchManifest(operation, image, digest, deadline);
        ManifestContent content = read(operation, response.body(), response.contentType(), source);
        try {
            content.verify(digest, "manifest");
        } catch (ImageException e) {
            throw badAnswer(operation, e, source);
        }
        cache.put(digest, content.content(), typeToKeep(content));
        return new Fetched(content.manifest(), digest);
    }

    /** A config blob by digest, verified. */
    byte[] config(Operation operation, ImageReference image, String digest, Deadline deadline, String source)
            throws RegistryException {
        Optional<CachedContent> cached = cache.get(digest);
        if (cached.isPresent()) {
            return cached.get().content();
        }
        byte[] config = client.fetchBlob(operation, image, digest, Limits.CONFIG_BYTES, deadline);
        try {
            Digests.verify(config, digest, "config");
        } catch (ImageException e) {
            throw badAnswer(operation, e, source);
        }
        cache.put(digest, config, null);
        return config;
    }

    /**
     * The media type to keep beside a cached manifest: none when its content, read without one, is read as the
     * same type (its mediaType field or its shape says it), as is nearly always so. Each type kept is one more file to create for every
     * manifest of a batch.
     */
    private static String typeToKeep(ManifestContent content) {
        String type = content.manifest().mediaType();
        try {
            return Manifests.read(content.content(), null).manifest().mediaType().equals(type) ? null : type;
        } catch (ImageException e) {
            return type;
        }
    }

    /**
     * The cached manifest with {@code digest}, held to the same check as one from the registry; one that does
     * not pass it (a cache file someone else wrote) is treated as absent, so fetched again and replaced.
     */
    private Optional<ManifestContent> cachedManifest(String digest) {
        Optional<CachedContent> cached = cache.get(digest);
        if (cached.isEmpty()) {
            return Optional.empty();
        }
        try {
            ManifestContent content = Manifests.read(cached.get().content(), cached.get().mediaType());
            content.verify(digest, "cached manifest");
            return Optional.of(content);
        } catch (ImageException e) {
            return Optional.empty();
        }
    }

    /**
     * A manifest asked for by tag has nothing to be checked against but the registry's
     * {@code Docker-Content-Digest}. A registry computes that header as it computes a manifest's digest (over
     * the payload, for signed schema 1); a manifest that hashes differently was changed on the way (a proxy or
     * cache rewriting it), so it is refused like a digest mismatch rather than trusted. A header that is not a
     * digest of the grammar is not used for anything: it is no more than a missing one.
     */
    private void checkDigestHeader(Operation operation, ManifestResponse response, ManifestContent content,
                                   String source) throws RegistryException {
        String header = response.digestHeader() == null ? null : response.digestHeader().strip();
        if (header == null || !DigestGrammar.isValid(header)) {
            return;
        }
        try {
            content.verify(header, "manifest (its Docker-Content-Digest header; a proxy or cache may have altered it)");
        } catch (ImageException e) {
            throw badAnswer(operation, e, source);
        }
    }

    private ManifestContent read(Operation operation, byte[] body, String contentType, String source)
            throws RegistryException {
        try {
            return Manifests.read(body, contentType);
        } catch (ImageException e) {
            throw badAnswer(operation, e, source);
        }
    }

    /**
     * A model error about what a registry sent, as the registry error it is, naming the host through
     * {@code source}. Parse errors may quote the body, where a registry may have put the token we sent it.
     */
    RegistryException badAnswer(Operation operation, ImageException e, String source) {
        return operation.fail(Kind.REGISTRY_ERROR, client.scrub(e.getMessage()) + source, 0,
                client.quotesSecret(e) ? null : e);
    }

    /** A manifest as read, and its digest: the one asked for, or the one computed for a tag. */
    record Fetched(Manifest manifest, String digest) {
    }
}
