package dev.labels.registry;

import dev.labels.cache.ImageCache;
import dev.labels.image.Descriptor;
import dev.labels.image.ImageConfig;
import dev.labels.image.ImageException;
import dev.labels.image.ImageIndex;
import dev.labels.image.ImageManifest;
import dev.labels.image.Manifest;
import dev.labels.image.Manifests;
import dev.labels.image.Platform;
import dev.labels.image.PlatformNotFoundException;
import dev.labels.image.PlatformSelector;
import dev.labels.image.ResolvedImage;
import dev.labels.image.Schema1Manifest;
import dev.labels.reference.ImageReference;
import dev.labels.registry.RegistryException.Kind;
import java.util.Map;

/**
 * From a reference to an image's config: manifest (by tag or digest), platform selection when it is an
 * index, the chosen image manifest, then its config blob. Every manifest asked for by digest and every config
 * is checked against its digest, and a manifest asked for by tag against the registry's
 * {@code Docker-Content-Digest}: a registry (or a proxy) that lies gives an error, never wrong labels.
 *
 * <p>All requests for one image share one {@link Deadline} ({@code --timeout}).
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

    public ImageResolver(RegistryClient client, Platform defaultPlatform) {
        this(client, ImageCache.NONE, defaultPlatform);
    }

    /**
     * @param requested the platform the user asked for, or null for the default (linux and this machine's
     *                  architecture, falling back to the first platform of the index)
     */
    public ResolvedImage resolve(ImageReference reference, Platform requested) throws RegistryException {
        Deadline deadline = client.newDeadline();
        String target = reference.toString();
        String source = answeredBy(reference);
        Operation readManifest = new Operation("reading manifest", target);
        CachingFetcher.Fetched fetched = fetcher.top(readManifest, reference, deadline, source);
        Manifest manifest = parse(readManifest, fetched, source);
        boolean fellBack = false;
        Platform platform = null;
        if (manifest instanceof ImageIndex index) {
            PlatformSelector.Selection selection =
                    select(new Operation("selecting platform", target), index, requested, source);
            Descriptor chosen = selection.descriptor();
            platform = selection.platform();
            fellBack = selection.fellBack();
            Operation readChild = new Operation("reading manifest", target + " (" + platform + ")");
            fetched = fetcher.byDigest(readChild, reference, chosen.digest(), deadline, source);
            manifest = parse(readChild, fetched, source);
            if (manifest instanceof ImageIndex) {
                throw readChild.fail(Kind.REGISTRY_ERROR, "an index inside an index is not supported" + source);
            }
        }
        if (manifest instanceof Schema1Manifest schema1) {
            ImageConfig config = imageCall(readManifest, source, () -> ImageConfig.fromSchema1(schema1));
            return new ResolvedImage(target, fetched.digest(), null, platformOf(config, platform), config,
                    Map.of(), fellBack);
        }
        ImageManifest image = (ImageManifest) manifest;
        String configDigest = image.config().digest();
        Operation readConfig = new Operation("reading config " + configDigest, target);
        byte[] configBytes = fetcher.config(readConfig, reference, configDigest, deadline, source);
        ImageConfig config = imageCall(readConfig, source, () -> ImageConfig.parse(configBytes));
        return new ResolvedImage(target, fetched.digest(), configDigest, platformOf(config, platform), config,
                image.annotations(), fellBack);
    }

    /**
     * " (answer from HOST)" when a host other than the reference's registry serves it (Docker Hub's API host,
     * a mirror): errors about what was sent must say who sent it.
     */
    private String answeredBy(ImageReference reference) {
        String authority = client.endpointAuthority(reference.registry());
        return authority.equalsIgnoreCase(reference.registry()) ? "" : " (answer from " + authority + ")";
    }

    private PlatformSelector.Selection select(Operation operation, ImageIndex index, Platform requested,
                                              String source) throws RegistryException {
        return imageCall(operation, source, () -> PlatformSelector.select(index, requested, defaultPlatform));
    }

    private Manifest parse(Operation operation, CachingFetcher.Fetched fetched, String source)
            throws RegistryException {
        return imageCall(operation, source, () -> Manifests.parse(fetched.body(), fetched.contentType()));
    }

    private static Platform platformOf(ImageConfig config, Platform selected) {
        if (selected != null) {
            return selected;
        }
        if (config.os() == null || config.architecture() == null) {
            return null;
        }
        return new Platform(config.os(), config.architecture(), config.variant());
    }

    @FunctionalInterface
    private interface ImageCall<T> {
        T call() throws ImageException;
    }

    /**
     * Runs a model operation, turning its error into a registry error that names the operation, the image and,
     * through {@code source}, the host that sent the data.
     */
    private <T> T imageCall(Operation operation, String source, ImageCall<T> call) throws RegistryException {
        try {
            return call.call();
        } catch (PlatformNotFoundException e) {
            throw operation.fail(Kind.NOT_FOUND, e.getMessage(), 0, e);
        } catch (ImageException e) {
            // Parse errors quote the body; a registry may have put the token we sent it there.
            throw operation.fail(Kind.REGISTRY_ERROR, client.scrub(e.getMessage()) + source, 0,
                    client.quotesSecret(e) ? null : e);
        }
    }
}
