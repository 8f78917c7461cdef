package dev.labels.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labels.image.ContentStore;
import dev.labels.image.Descriptor;
import dev.labels.image.Digests;
import dev.labels.image.ImageException;
import dev.labels.image.ImageManifest;
import dev.labels.image.Manifest;
import dev.labels.image.MediaTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The content of the image a {@code docker-archive:} reference names, read as {@code docker load} reads it: from
 * {@code manifest.json}, the image picked by its RepoTags, then its config file. Docker 25 and later also write the
 * archive as an OCI layout; when that layout lists the image's manifest, the walk starts there, under index.json,
 * and gives the manifest's digest and annotations too. A classic archive has no manifest: the walk reads the
 * config through one that stands for it ({@link ImageManifest#ofConfig}), with no digest.
 *
 * <p>manifest.json is the format's own index; index.json, when there is one, is only a second way in (see
 * {@link ManifestFinder}). A config's file name is a name, not a promise, whatever it looks like: {@code <hex>.json}
 * (docker save before 25), {@code blobs/sha256/<hex>} (25 and later), {@code sha256:<hex>} (go-containerregistry,
 * so kaniko and crane), {@code config.json} (Jib). {@code docker load} computes the image ID from the bytes, and so
 * does this: the labels are those of the bytes manifest.json names, and the digest reported is theirs. (Read as an
 * OCI layout, the same {@code blobs/sha256/<hex>} is a promise, and is checked.)
 *
 * @see <a href="https://github.com/moby/moby/blob/master/image/spec/v1.2.md">Docker image spec v1.2</a>
 */
final class DockerArchive implements ContentStore<ArchiveException> {
    static final String MANIFEST_FILE = "manifest.json";
    private static final int LISTED = 20;
    private static final Pattern POSITION = Pattern.compile("@[0-9]{1,9}");

    private final ImageFiles files;
    private final ArchiveReference reference;
    /** The config file manifest.json names, its bytes and their digest, once {@link #start} has read them. */
    private String configName;
    private byte[] configBytes;
    private String configDigest;

    DockerArchive(ImageFiles files, ArchiveReference reference) {
        this.files = files;
        this.reference = reference;
    }

    @Override
    public Start start() throws ArchiveException {
        List<DockerSaveEntry> images = manifest(files, reference);
        DockerSaveEntry image = select(images, reference.tag());
        if (image.config() == null || image.config().isBlank()) {
            throw ArchiveException.invalid("manifest.json lists an image without a Config file");
        }
        configName = TarEntry.normalize(image.config());
        configBytes = files.read(configName, ArchiveLimits.CONFIG_BYTES, "config " + configName);
        if (configBytes == null) {
            throw ArchiveException.invalid("config " + configName + ", listed in manifest.json, is not in the archive"
                    + files.absenceHint());
        }
        configDigest = Digests.sha256(configBytes);
        String tag = reference.tag() != null ? reference.tag()
                : image.repoTags().size() == 1 ? image.repoTags().get(0) : null;
        String name = reference.withTag(tag).toString();
        ManifestFinder.Found oci = ManifestFinder.byConfig(files, configDigest);
        if (oci != null) {
            return new Start(name, oci.manifest(), oci.entry().digest(), oci.index(), oci.entry());
        }
        return Start.of(name, ImageManifest.ofConfig(new Descriptor(MediaTypes.DOCKER_CONFIG, configDigest,
                configBytes.length, null, Map.of())), null);
    }

    /** Manifests by digest are in the OCI layout that Docker 25 and later write beside manifest.json. */
    @Override
    public Manifest manifest(Descriptor descriptor, Step step) throws ArchiveException {
        return new OciLayout(files).manifest(descriptor, ArchiveException.Kind.INVALID_FILE);
    }

    /** The config manifest.json names, by the digest of its bytes; any other blob, from the OCI layout. */
    @Override
    public byte[] blob(Descriptor descriptor, Step step) throws ArchiveException {
        if (descriptor.digest().equals(configDigest)) {
            return configBytes;
        }
        return new OciLayout(files).blob(descriptor.digest(), descriptor.size(), ArchiveLimits.CONFIG_BYTES,
                "config " + descriptor.digest(), ArchiveException.Kind.INVALID_FILE);
    }

    /** A config is named by its file, which is what the user can look for in the archive. */
    @Override
    public ArchiveException failure(Step step, ImageException error) {
        String what = step.digest() == null ? null
                : step.readsManifest() ? "manifest " + step.digest()
                : step.digest().equals(configDigest) ? "config " + configName : "config " + step.digest();
        return ArchiveException.judged(what, error);
    }

    private static List<DockerSaveEntry> manifest(ImageFiles files, ArchiveReference reference) throws ArchiveException {
        byte[] bytes = files.read(MANIFEST_FILE, ArchiveLimits.DOCKER_MANIFEST_BYTES, MANIFEST_FILE);
        if (bytes == null) {
            boolean layout = files.read(OciLayout.INDEX_FILE, ArchiveLimits.MANIFEST_BYTES, OciLayout.INDEX_FILE) != null;
            throw ArchiveException.invalid("not a docker save archive: no manifest.json in this " + files.kind()
                    + (layout ? "; it has index.json, so it may be an OCI layout: read it with "
                            + Transport.OCI_ARCHIVE.prefix() + reference.path() : "")
                    + files.absenceHint());
        }
        JsonNode root = ArchiveJson.read(bytes, MANIFEST_FILE);
        if (!root.isArray()) {
            throw ArchiveException.invalid("manifest.json is not a JSON array of images");
        }
        List<DockerSaveEntry> images = new ArrayList<>();
        for (JsonNode node : root) {
            if (!node.isObject()) {
                throw ArchiveException.invalid("manifest.json holds something other than image objects");
            }
            images.add(ArchiveJson.saveEntry(node));
        }
        if (images.isEmpty()) {
            throw ArchiveException.notFound("the archive holds no images (manifest.json is empty)");
        }
        return images;
    }

    /** {@code @N}: an image by its position in manifest.json, as skopeo's docker-archive transport accepts. */
    static boolean isPosition(String name) {
        return POSITION.matcher(name).matches();
    }

    private static DockerSaveEntry select(List<DockerSaveEntry> images, String name) throws ArchiveException {
        if (name != null && isPosition(name)) {
            int position = Integer.parseInt(name.substring(1));
            if (position >= images.size()) {
                throw ArchiveException.notFound("no image " + name + ": the archive holds " + images.size()
                        + (images.size() == 1 ? " image (@0)" : " images (@0 to @" + (images.size() - 1) + ")"));
            }
            return images.get(position);
        }
        if (name == null) {
            if (images.size() == 1) {
                return images.get(0);
            }
            throw ArchiveException.notFound("the archive holds " + images.size() + " images; add :NAME to the "
                    + "reference to pick one; names: " + listing(images));
        }
        for (DockerSaveEntry image : images) {
            for (String repoTag : image.repoTags()) {
                if (DockerNames.same(repoTag, name)) {
                    return image;
                }
            }
        }
        throw ArchiveException.notFound("no image named " + DockerNames.normalize(name) + " in the archive; names: "
                + listing(images));
    }

    private static String listing(List<DockerSaveEntry> images) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).repoTags().isEmpty()) {
                names.add("@" + i + " (untagged)");
            }
            names.addAll(images.get(i).repoTags());
        }
        return names.stream().limit(LISTED).collect(Collectors.joining(", "))
                + (names.size() > LISTED ? " and " + (names.size() - LISTED) + " more" : "");
    }
}
