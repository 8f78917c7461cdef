package dev.labels.archive;

import dev.labels.image.Descriptor;
import dev.labels.image.ImageManifest;
import dev.labels.image.MediaTypes;
import java.util.Map;

/**
 * The OCI side of a Docker 25+ {@code docker save} archive: which image manifest listed in index.json has a
 * given config. Its digest and annotations are what a registry would show for the image (Docker's classic
 * manifest.json has neither).
 */
final class ManifestFinder {

    /** The manifest found: its digest and annotations. */
    record Found(String digest, Map<String, String> annotations) {
    }

    private ManifestFinder() {
    }

    /**
     * The image manifest in index.json whose config is {@code configDigest}, or null when the archive has no
     * index.json or no such manifest. Only manifests listed directly are looked at: indexes (a containerd image
     * store saves those) would mean reading manifests of platforms that are not in the archive.
     */
    static Found byConfig(ImageFiles files, String configDigest) throws ArchiveException {
        if (files.read(OciLayout.INDEX_FILE, ArchiveLimits.MANIFEST_BYTES, OciLayout.INDEX_FILE) == null) {
            return null;
        }
        OciLayout layout = new OciLayout(files);
        for (Descriptor entry : layout.index().manifests()) {
            if (!MediaTypes.isImageManifest(entry.mediaType())) {
                continue;
            }
            if (layout.manifest(entry, ArchiveException.Kind.INVALID) instanceof ImageManifest manifest
                    && configDigest.equals(manifest.config().digest())) {
                return new Found(entry.digest(), manifest.annotations());
            }
        }
        return null;
    }
}
