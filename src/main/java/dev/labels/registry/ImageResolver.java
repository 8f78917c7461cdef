package dev.labels.registry;

import dev.labels.image.Descriptor;
import dev.labels.image.Digests;
import dev.labels.image.ImageConfig;
import dev.labels.image.ImageException;
import dev.labels.image.ImageIndex;
import dev.labels.image.ImageManifest;
import dev.labels.image.Manifest;
import dev.labels.image.Manifests;
import dev.labels.image.MediaTypes;
import dev.labels.image.Platform;
import dev.labels.image.PlatformNotFoundException;
import dev.labels.image.PlatformSelector;
import dev.labels.image.Schema1Manifest;
import dev.labels.reference.ImageReference;
import dev.labels.registry.RegistryException.Kind;
import dev.labels.registry.http.Limits;
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
    private final Platform defaultPlatform;

    public ImageResolver(RegistryClient client, Platform defaultPlatform) {
        this.client = client;
        this.defaultPlatform = defaultPlatform;
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
        ManifestResponse top = client.fetchManifest(readManifest, reference, reference.identifier(), deadline);
        Manifest manifest = parse(readManifest, top, reference.digest(), source);
        String manifestDigest = digestOf(top, manifest, reference.digest());
        boolean fellBack = false;
        Platform platform = null;
        if (manifest instanceof ImageIndex index) {
            PlatformSelector.Selection selection = select(new Operation("selecting platform", target), index, requested);
            Descriptor chosen = selection.descriptor();
            platform = selection.platform();
            fellBack = selection.fellBack();
            Operation readChild = new Operation("reading manifest", target + " (" + platform + ")");
            ManifestResponse child = client.fetchManifest(readChild, reference, chosen.digest(), deadline);
            manifest = parse(readChild, child, chosen.digest(), source);
            manifestDigest = chosen.digest();
            if (manifest instanceof ImageIndex) {
                throw readChild.fail(Kind.REGISTRY_ERROR, "an index inside an index is not supported" + source);
            }
        }
        if (manifest instanceof Schema1Manifest schema1) {
            ImageConfig config = imageCall(readManifest, source, () -> ImageConfig.fromSchema1(schema1));
            return new ResolvedImage(reference, manifestDigest, null, platformOf(config, platform), config, Map.of(),
                    fellBack);
        }
        ImageManifest image = (ImageManifest) manifest;
        String configDigest = image.config().digest();
        Operation readConfig = new Operation("reading config " + configDigest, target);
        byte[] configBytes = client.fetchBlob(readConfig, reference, configDigest, Limits.CONFIG_BYTES, deadline);
        imageCall(readConfig, source, () -> {
            Digests.verify(configBytes, configDigest, "config");
            return null;
        });
        ImageConfig config = imageCall(readConfig, source, () -> ImageConfig.parse(configBytes));
        return new ResolvedImage(reference, manifestDigest, configDigest, platformOf(config, platform), config,
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

    private PlatformSelector.Selection select(Operation operation, ImageIndex index, Platform requested)
            throws RegistryException {
        try {
            return PlatformSelector.select(index, requested, defaultPlatform);
        } catch (PlatformNotFoundException e) {
            throw operation.fail(Kind.NOT_FOUND, e.getMessage(), 0, e);
        }
    }

    /**
     * Parses a manifest, checking it against the digest it was asked for by, or, asked for by tag, against the
     * registry's {@code Docker-Content-Digest}. A registry computes that header over the bytes it stores; bytes
     * that hash differently were changed on the way (a proxy or cache rewriting the manifest), so they are
     * refused like a digest mismatch rather than trusted. A header that is not a digest we can compute is
     * ignored: by tag there is nothing else to check against.
     */
    private Manifest parse(Operation operation, ManifestResponse response, String expectedDigest, String source)
            throws RegistryException {
        Manifest manifest = imageCall(operation, source,
                () -> Manifests.parse(response.body(), response.contentType()));
        // A signed schema1 manifest's digest covers its payload without the signatures, not the bytes we got;
        // registries also disagree on the header of unsigned ones. Schema1 is long deprecated and only read as a
        // last resort, so only an unsigned one asked for by digest is checked.
        if (expectedDigest != null && !MediaTypes.DOCKER_SCHEMA1_SIGNED.equals(manifest.mediaType())) {
            imageCall(operation, source, () -> {
                Digests.verify(response.body(), expectedDigest, "manifest");
                return null;
            });
        } else if (expectedDigest == null && !MediaTypes.isSchema1(manifest.mediaType())
                && response.digestHeader() != null && Digests.isSupported(response.digestHeader().strip())) {
            imageCall(operation, source, () -> {
                Digests.verify(response.body(), response.digestHeader().strip(),
                        "manifest (its Docker-Content-Digest header; a proxy or cache may have altered it)");
                return null;
            });
        }
        return manifest;
    }

    private static String digestOf(ManifestResponse response, Manifest manifest, String requested) {
        if (requested != null) {
            return requested;
        }
        if (MediaTypes.DOCKER_SCHEMA1_SIGNED.equals(manifest.mediaType()) && response.digestHeader() != null) {
            return response.digestHeader();
        }
        return Digests.sha256(response.body());
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
