package dev.labels.registry;

import dev.labels.cache.ImageCache;
import dev.labels.image.ImageWalk;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.reference.ImageReference;
import dev.labels.registry.transport.RegistryException;
import java.util.List;

/**
 * Images in registries: the one {@link ImageWalk} over each image's {@link RegistryStore}. Every manifest asked
 * for by digest and every config is checked against its digest, and a manifest asked for by tag against the
 * registry's {@code Docker-Content-Digest}: a registry (or a proxy) that lies gives an error, never wrong labels.
 */
public final class ImageResolver {
    private final RegistryClient client;
    private final CachingFetcher fetcher;
    private final Platform defaultPlatform;

    public ImageResolver(RegistryClient client, ImageCache cache, Platform defaultPlatform) {
        this.client = client;
        this.fetcher = new CachingFetcher(client, cache);
        this.defaultPlatform = defaultPlatform;
    }

    /**
     * @param requested the platform the user asked for, or null for the default (linux and this machine's
     *                  architecture, falling back to the first platform of the index)
     */
    public ResolvedImage resolve(ImageReference reference, Platform requested) throws RegistryException {
        return walk(reference).one(requested);
    }

    /** Whether reading the image starts from the cache, so costs no pull (see {@link CachingFetcher#inCache}). */
    public boolean inCache(ImageReference reference) {
        return fetcher.inCache(reference);
    }

    /** Every image of a multi-platform index (see {@link ImageWalk#all}); for a single-platform image, that one. */
    public List<ResolvedImage> resolveAll(ImageReference reference) throws RegistryException {
        return walk(reference).all();
    }

    /** The walk of one image: its store starts the image's {@link Deadline}. */
    private ImageWalk<RegistryException> walk(ImageReference reference) {
        return new ImageWalk<>(new RegistryStore(fetcher, reference, client.newDeadline(), answeredBy(reference)),
                defaultPlatform);
    }

    /**
     * " (answer from HOST)" when a host other than the reference's registry serves it (Docker Hub's API host,
     * a mirror): errors about what was sent must say who sent it.
     */
    private String answeredBy(ImageReference reference) {
        String authority = client.endpointAuthority(reference.registry());
        return authority.equalsIgnoreCase(reference.registry()) ? "" : " (answer from " + authority + ")";
    }
}
