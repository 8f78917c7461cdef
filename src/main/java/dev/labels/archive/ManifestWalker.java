package dev.labels.archive;

import dev.labels.image.Descriptor;
import dev.labels.image.ImageConfig;
import dev.labels.image.ImageIndex;
import dev.labels.image.ImageManifest;
import dev.labels.image.MalformedImageException;
import dev.labels.image.Manifest;
import dev.labels.image.MediaTypes;
import dev.labels.image.NotAnImageException;
import dev.labels.image.Platform;
import dev.labels.image.PlatformNotFoundException;
import dev.labels.image.PlatformSelector;
import dev.labels.image.ResolvedImage;
import dev.labels.image.Schema1Manifest;
import java.util.List;
import java.util.Map;

/**
 * From the index.json entries a reference chose to one image's config, as registry/ImageResolver does it
 * for a registry: the manifest, platform selection when it is an index (or when index.json lists the
 * platforms itself), the chosen image manifest (an artifact that is not an image stops there), its config.
 * Every manifest and blob is verified against its digest, as {@link OciLayout} reads it.
 */
final class ManifestWalker {
    private final OciLayout layout;
    private final Platform defaultPlatform;

    ManifestWalker(OciLayout layout, Platform defaultPlatform) {
        this.layout = layout;
        this.defaultPlatform = defaultPlatform;
    }

    /**
     * @param name        the image's name in the result
     * @param entries     one entry, or the platforms of one image (see {@link IndexEntries#select})
     * @param requested   the platform asked for, or null for the default
     * @param userDigest  true when the entry stands for a digest the user gave that index.json does not list:
     *                    a missing blob then means "not found", not "damaged layout"
     */
    ResolvedImage walk(String name, List<Descriptor> entries, Platform requested, boolean userDigest)
            throws ArchiveException {
        Descriptor chosen = entries.get(0);
        PlatformSelector.Selection selection = null;
        if (entries.size() > 1) {
            selection = select(new ImageIndex(MediaTypes.OCI_INDEX, entries, Map.of()), requested);
            chosen = selection.descriptor();
        }
        Manifest manifest = manifest(chosen, userDigest);
        if (manifest instanceof ImageIndex index) {
            if (selection != null) {
                throw ArchiveException.invalid("an index inside an index is not supported (" + chosen.digest() + ")");
            }
            selection = select(index, requested);
            chosen = selection.descriptor();
            manifest = manifest(chosen, false);
            if (manifest instanceof ImageIndex) {
                throw ArchiveException.invalid("an index inside an index is not supported (" + chosen.digest() + ")");
            }
        }
        Platform selected = selection == null ? null : selection.platform();
        boolean fellBack = selection != null && selection.fellBack();
        if (manifest instanceof Schema1Manifest schema1) {
            ImageConfig config = image(() -> ImageConfig.fromSchema1(schema1), "manifest " + chosen.digest());
            return new ResolvedImage(name, chosen.digest(), null, platformOf(config, selected), config, Map.of(), fellBack);
        }
        ImageManifest image = image((ImageManifest) manifest);
        Descriptor configDescriptor = image.config();
        String what = "config " + configDescriptor.digest();
        byte[] bytes = layout.blob(configDescriptor.digest(), configDescriptor.size(), ArchiveLimits.CONFIG_BYTES, what,
                ArchiveException.Kind.INVALID);
        ImageConfig config = image(() -> ImageConfig.parse(bytes), what);
        return new ResolvedImage(name, chosen.digest(), configDescriptor.digest(), platformOf(config, selected), config,
                image.annotations(), fellBack);
    }

    /** The manifest, when it is an image's: an artifact (a Helm chart, an SBOM) has no labels to read. */
    private static ImageManifest image(ImageManifest manifest) throws ArchiveException {
        try {
            return manifest.requireImage();
        } catch (NotAnImageException e) {
            throw ArchiveException.notAnImage(e.getMessage(), e);
        }
    }

    private PlatformSelector.Selection select(ImageIndex index, Platform requested) throws ArchiveException {
        try {
            return PlatformSelector.select(index, requested, defaultPlatform);
        } catch (PlatformNotFoundException e) {
            throw ArchiveException.notFound(e.getMessage(), e);
        }
    }

    private Manifest manifest(Descriptor descriptor, boolean userDigest) throws ArchiveException {
        return layout.manifest(descriptor, userDigest ? ArchiveException.Kind.NOT_FOUND : ArchiveException.Kind.INVALID);
    }

    private static Platform platformOf(ImageConfig config, Platform selected) {
        if (selected != null) {
            return selected;
        }
        return config.os() == null || config.architecture() == null ? null : config.platform();
    }

    @FunctionalInterface
    private interface ImageCall<T> {
        T call() throws MalformedImageException;
    }

    private static <T> T image(ImageCall<T> call, String what) throws ArchiveException {
        try {
            return call.call();
        } catch (MalformedImageException e) {
            throw ArchiveException.invalid(what + ": " + e.getMessage(), e);
        }
    }
}
