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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * From a reference to an image's config: manifest (by tag or digest), platform selection when it is an
 * index, the chosen image manifest, then its config blob. Every manifest asked for by digest and every config
 * is checked against its digest: a registry that lies gives an error, never wrong labels.
 */
public final class ImageResolver {
    private final CachingFetcher fetcher;
    private final Platform defaultPlatform;

    public ImageResolver(RegistryClient client, ImageCache cache, Platform defaultPlatform) {
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
        String target = reference.toString();
        Operation readManifest = new Operation("reading manifest", target);
        CachingFetcher.Fetched fetched = fetcher.top(readManifest, reference);
        Manifest manifest = parse(readManifest, fetched);
        if (manifest instanceof ImageIndex index) {
            PlatformSelector.Selection selection = select(new Operation("selecting platform", target), index, requested);
            return child(reference, selection.descriptor(), selection.platform(), selection.fellBack());
        }
        return image(readManifest, reference, fetched, manifest, null, false);
    }

    /**
     * Every image of a multi-platform index, in index order, attestation manifests (SBOMs, provenance) left
     * out; for a single-platform image, that image.
     */
    public List<ResolvedImage> resolveAll(ImageReference reference) throws RegistryException {
        String target = reference.toString();
        Operation readManifest = new Operation("reading manifest", target);
        CachingFetcher.Fetched fetched = fetcher.top(readManifest, reference);
        Manifest manifest = parse(readManifest, fetched);
        if (!(manifest instanceof ImageIndex index)) {
            return List.of(image(readManifest, reference, fetched, manifest, null, false));
        }
        List<ResolvedImage> images = new ArrayList<>();
        for (Descriptor entry : index.manifests()) {
            if (!entry.isAttestation()) {
                images.add(child(reference, entry, entry.platform(), false));
            }
        }
        if (images.isEmpty()) {
            throw new Operation("listing platforms", target).fail(Kind.NOT_FOUND, "index has no image manifests");
        }
        return images;
    }

    /** The image an index entry points at. */
    private ResolvedImage child(ImageReference reference, Descriptor entry, Platform platform, boolean fellBack)
            throws RegistryException {
        Operation readChild = new Operation("reading manifest", reference + " (" + platform + ")");
        CachingFetcher.Fetched fetched = fetcher.byDigest(readChild, reference, entry.digest());
        Manifest manifest = parse(readChild, fetched);
        if (manifest instanceof ImageIndex) {
            throw readChild.fail(Kind.REGISTRY_ERROR, "an index inside an index is not supported");
        }
        return image(readChild, reference, fetched, manifest, platform, fellBack);
    }

    /** An image manifest (or schema1) and its config. */
    private ResolvedImage image(Operation readManifest, ImageReference reference, CachingFetcher.Fetched fetched,
                                Manifest manifest, Platform platform, boolean fellBack) throws RegistryException {
        String target = reference.toString();
        if (manifest instanceof Schema1Manifest schema1) {
            ImageConfig config = imageCall(readManifest, () -> ImageConfig.fromSchema1(schema1));
            return new ResolvedImage(target, fetched.digest(), null, platformOf(config, platform), config,
                    Map.of(), fellBack);
        }
        ImageManifest image = (ImageManifest) manifest;
        String configDigest = image.config().digest();
        Operation readConfig = new Operation("reading config " + configDigest, target);
        byte[] configBytes = fetcher.config(readConfig, reference, configDigest);
        ImageConfig config = imageCall(readConfig, () -> ImageConfig.parse(configBytes));
        return new ResolvedImage(target, fetched.digest(), configDigest, platformOf(config, platform), config,
                image.annotations(), fellBack, configBytes);
    }

    private PlatformSelector.Selection select(Operation operation, ImageIndex index, Platform requested)
            throws RegistryException {
        return imageCall(operation, () -> PlatformSelector.select(index, requested, defaultPlatform));
    }

    private static Manifest parse(Operation operation, CachingFetcher.Fetched fetched) throws RegistryException {
        return imageCall(operation, () -> Manifests.parse(fetched.body(), fetched.contentType()));
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

    /** Runs a model operation, turning its error into a registry error that names the operation and image. */
    private static <T> T imageCall(Operation operation, ImageCall<T> call) throws RegistryException {
        try {
            return call.call();
        } catch (PlatformNotFoundException e) {
            throw operation.fail(Kind.NOT_FOUND, e.getMessage(), 0, e);
        } catch (ImageException e) {
            throw operation.fail(Kind.REGISTRY_ERROR, e.getMessage(), 0, e);
        }
    }
}
