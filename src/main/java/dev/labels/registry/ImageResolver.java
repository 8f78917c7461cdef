package dev.labels.registry;

import dev.labels.cache.ImageCache;
import dev.labels.image.Descriptor;
import dev.labels.image.ImageConfig;
import dev.labels.image.ImageException;
import dev.labels.image.ImageIndex;
import dev.labels.image.ImageManifest;
import dev.labels.image.Manifest;
import dev.labels.image.NotAnImageException;
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
 * index, the chosen image manifest (an artifact that is not an image stops there), then its config blob. Every
 * manifest asked for by digest and every config is checked against its digest, and a manifest asked for by tag
 * against the registry's {@code Docker-Content-Digest}: a registry (or a proxy) that lies gives an error, never
 * wrong labels.
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

    /** What the reads of one image share: the reference, its deadline, and who answers for the registry. */
    private record Read(ImageReference reference, Deadline deadline, String source) {
        String target() {
            return reference.toString();
        }
    }

    private Read start(ImageReference reference) {
        return new Read(reference, client.newDeadline(), answeredBy(reference));
    }

    /**
     * @param requested the platform the user asked for, or null for the default (linux and this machine's
     *                  architecture, falling back to the first platform of the index)
     */
    public ResolvedImage resolve(ImageReference reference, Platform requested) throws RegistryException {
        Read read = start(reference);
        Operation readManifest = new Operation("reading manifest", read.target());
        CachingFetcher.Fetched fetched = fetcher.top(readManifest, reference, read.deadline(), read.source());
        Manifest manifest = fetched.manifest();
        if (manifest instanceof ImageIndex index) {
            Operation selecting = new Operation("selecting platform", read.target());
            PlatformSelector.Selection selection = imageCall(selecting, read.source(),
                    () -> PlatformSelector.select(index, requested, defaultPlatform));
            return child(read, selection.descriptor(), selection.platform(), selection.fellBack());
        }
        return image(read, readManifest, fetched, manifest, null, false);
    }

    /** Whether reading the image starts from the cache, so costs no pull (see {@link CachingFetcher#inCache}). */
    public boolean inCache(ImageReference reference) {
        return fetcher.inCache(reference);
    }

    /**
     * Every image of a multi-platform index, in index order, attestation manifests (SBOMs, provenance) left
     * out; for a single-platform image, that image.
     */
    public List<ResolvedImage> resolveAll(ImageReference reference) throws RegistryException {
        Read read = start(reference);
        Operation readManifest = new Operation("reading manifest", read.target());
        CachingFetcher.Fetched fetched = fetcher.top(readManifest, reference, read.deadline(), read.source());
        Manifest manifest = fetched.manifest();
        if (!(manifest instanceof ImageIndex index)) {
            return List.of(image(read, readManifest, fetched, manifest, null, false));
        }
        List<ResolvedImage> images = new ArrayList<>();
        for (Descriptor entry : index.manifests()) {
            if (!entry.isAttestation()) {
                images.add(child(read, entry, entry.platform(), false));
            }
        }
        if (images.isEmpty()) {
            throw new Operation("listing platforms", read.target()).fail(Kind.NOT_FOUND, "index has no image manifests");
        }
        return images;
    }

    /** The image an index entry points at. */
    private ResolvedImage child(Read read, Descriptor entry, Platform platform, boolean fellBack)
            throws RegistryException {
        Operation readChild = new Operation("reading manifest", read.target() + " (" + platform + ")");
        CachingFetcher.Fetched fetched = fetcher.byDigest(readChild, read.reference(), entry.digest(),
                read.deadline(), read.source());
        Manifest manifest = fetched.manifest();
        if (manifest instanceof ImageIndex) {
            throw readChild.fail(Kind.REGISTRY_ERROR, "an index inside an index is not supported" + read.source());
        }
        return image(read, readChild, fetched, manifest, platform, fellBack);
    }

    /** An image manifest (or schema1) and its config. */
    private ResolvedImage image(Read read, Operation readManifest, CachingFetcher.Fetched fetched, Manifest manifest,
                                Platform platform, boolean fellBack) throws RegistryException {
        if (manifest instanceof Schema1Manifest schema1) {
            ImageConfig config = imageCall(readManifest, read.source(), () -> ImageConfig.fromSchema1(schema1));
            return new ResolvedImage(read.target(), fetched.digest(), null, platformOf(config, platform), config,
                    Map.of(), fellBack);
        }
        ImageManifest image = imageCall(readManifest, read.source(), ((ImageManifest) manifest)::requireImage);
        String configDigest = image.config().digest();
        Operation readConfig = new Operation("reading config " + configDigest, read.target());
        byte[] configBytes = fetcher.config(readConfig, read.reference(), configDigest, read.deadline(), read.source());
        ImageConfig config = imageCall(readConfig, read.source(), () -> ImageConfig.parse(configBytes));
        return new ResolvedImage(read.target(), fetched.digest(), configDigest, platformOf(config, platform), config,
                image.annotations(), fellBack, configBytes);
    }

    /**
     * " (answer from HOST)" when a host other than the reference's registry serves it (Docker Hub's API host,
     * a mirror): errors about what was sent must say who sent it.
     */
    private String answeredBy(ImageReference reference) {
        String authority = client.endpointAuthority(reference.registry());
        return authority.equalsIgnoreCase(reference.registry()) ? "" : " (answer from " + authority + ")";
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
        } catch (NotAnImageException e) {
            throw operation.fail(Kind.NOT_AN_IMAGE, e.getMessage(), 0, e);
        } catch (ImageException e) {
            throw fetcher.badAnswer(operation, e, source);
        }
    }
}
