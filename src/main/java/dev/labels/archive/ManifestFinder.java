package dev.labels.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labels.image.Descriptor;
import dev.labels.image.ImageIndex;
import dev.labels.image.ImageManifest;
import dev.labels.image.MediaTypes;

/**
 * The OCI side of a Docker 25+ {@code docker save} archive: which image manifest listed in index.json has a
 * given config. Its digest and annotations are what a registry would show for the image (Docker's classic
 * manifest.json has neither), so the walk starts there when it is found.
 */
final class ManifestFinder {

    /** The manifest found, and index.json and its entry that list it. */
    record Found(ImageIndex index, Descriptor entry, ImageManifest manifest) {
    }

    private ManifestFinder() {
    }

    /**
     * The image manifest in index.json whose config is {@code configDigest}, or null when the archive has no
     * index.json, when it lists nothing, or when it lists no such manifest. Only manifests listed directly are
     * looked at: indexes (a containerd image store saves those) would mean reading manifests of platforms that
     * are not in the archive.
     */
    static Found byConfig(ImageFiles files, String configDigest) throws ArchiveException {
        byte[] index = files.read(OciLayout.INDEX_FILE, ArchiveLimits.MANIFEST_BYTES, OciLayout.INDEX_FILE);
        if (index == null || listsNothing(index)) {
            return null;
        }
        OciLayout layout = new OciLayout(files);
        ImageIndex listing = layout.index();
        for (Descriptor entry : listing.manifests()) {
            if (!MediaTypes.isImageManifest(entry.mediaType())) {
                continue;
            }
            if (layout.manifest(entry, ArchiveException.Kind.INVALID_FILE) instanceof ImageManifest manifest
                    && configDigest.equals(manifest.config().digest())) {
                return new Found(listing, entry, manifest);
            }
        }
        return null;
    }

    /**
     * True for an index.json whose "manifests" is absent, null or empty. Docker 25.0.0 to 25.0.2 wrote
     * {@code "manifests": null} for an image saved by ID or digest (moby#47210), beside a whole manifest.json;
     * the image is read from that, only without a manifest digest.
     */
    private static boolean listsNothing(byte[] index) throws ArchiveException {
        JsonNode manifests = ArchiveJson.read(index, OciLayout.INDEX_FILE).path("manifests");
        return manifests.isMissingNode() || manifests.isNull() || (manifests.isArray() && manifests.isEmpty());
    }
}
