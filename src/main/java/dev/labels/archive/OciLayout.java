package dev.labels.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labels.image.Descriptor;
import dev.labels.image.DigestMismatchException;
import dev.labels.image.Digests;
import dev.labels.image.ImageIndex;
import dev.labels.image.MalformedImageException;
import dev.labels.image.Manifest;
import dev.labels.image.ManifestContent;
import dev.labels.image.Manifests;
import dev.labels.image.MediaTypes;
import dev.labels.reference.DigestGrammar;

/**
 * An OCI image layout, in a folder or a tar: its {@code index.json} and its blobs, each checked against its
 * digest as it is read.
 *
 * <pre>
 * oci-layout             {"imageLayoutVersion": "1.0.0"}
 * index.json             an image index: the entry points, tagged by org.opencontainers.image.ref.name
 * blobs/ALG/ENCODED      content by digest: manifests, indexes, configs, layers
 * </pre>
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md">image-layout.md</a>
 */
final class OciLayout {
    static final String LAYOUT_FILE = "oci-layout";
    static final String INDEX_FILE = "index.json";

    private final ImageFiles files;

    OciLayout(ImageFiles files) {
        this.files = files;
    }

    /**
     * index.json, after checking this is a layout. image-layout.md says {@code oci-layout} MUST exist; a
     * layout that has index.json but lost oci-layout is still read, since index.json is what matters.
     */
    ImageIndex index() throws ArchiveException {
        byte[] layoutFile = files.read(LAYOUT_FILE, ArchiveLimits.OCI_LAYOUT_BYTES, LAYOUT_FILE);
        byte[] index = files.read(INDEX_FILE, ArchiveLimits.MANIFEST_BYTES, INDEX_FILE);
        if (index == null) {
            throw ArchiveException.invalid("not an OCI image layout: this " + files.kind() + " has no index.json"
                    + (layoutFile == null ? " and no oci-layout file" : "") + files.absenceHint());
        }
        if (layoutFile != null) {
            checkVersion(layoutFile);
        }
        try {
            Manifest parsed = Manifests.parse(index, MediaTypes.OCI_INDEX);
            if (parsed instanceof ImageIndex imageIndex) {
                return imageIndex;
            }
            throw ArchiveException.invalid("index.json is not an image index but " + parsed.mediaType());
        } catch (MalformedImageException e) {
            throw ArchiveException.invalid("index.json: " + e.getMessage(), e);
        }
    }

    /**
     * The blob with {@code digest} (a config), verified: its bytes must hash to the digest.
     *
     * @param declaredSize the size its descriptor gives, or 0 when unknown; checked against {@code limit}
     *                     before anything is read
     * @param missing      what a missing blob means: NOT_FOUND when the user named the digest, INVALID_FILE when
     *                     the layout itself refers to it
     */
    byte[] blob(String digest, long declaredSize, long limit, String what, ArchiveException.Kind missing)
            throws ArchiveException {
        byte[] content = read(digest, declaredSize, limit, what, missing);
        try {
            Digests.verify(content, digest, what);
        } catch (DigestMismatchException | MalformedImageException e) {
            throw ArchiveException.invalid(e.getMessage(), e);
        }
        return content;
    }

    /**
     * The manifest or index {@code descriptor} points at, verified as a registry's is: what it is read from
     * must hash to the digest (the bytes of the file, or for a signed schema 1 manifest its payload; see
     * {@link ManifestContent}).
     *
     * @param missing as for {@link #blob}
     */
    Manifest manifest(Descriptor descriptor, ArchiveException.Kind missing) throws ArchiveException {
        String what = "manifest " + descriptor.digest();
        byte[] bytes = read(descriptor.digest(), descriptor.size(), ArchiveLimits.MANIFEST_BYTES, what, missing);
        try {
            ManifestContent content = Manifests.read(bytes, descriptor.mediaType());
            content.verify(descriptor.digest(), what);
            return content.manifest();
        } catch (DigestMismatchException e) {
            throw ArchiveException.invalid(e.getMessage(), e);
        } catch (MalformedImageException e) {
            throw ArchiveException.invalid(what + ": " + e.getMessage(), e);
        }
    }

    /** The file of the blob with {@code digest}, checked against the digest grammar before it names a path. */
    private byte[] read(String digest, long declaredSize, long limit, String what, ArchiveException.Kind missing)
            throws ArchiveException {
        String problem = DigestGrammar.problem(digest);
        if (problem != null) {
            throw ArchiveException.invalid("cannot read a blob the layout refers to: " + problem);
        }
        if (declaredSize > limit) {
            throw ArchiveException.invalid(what + " is " + declaredSize + " bytes, over the limit of "
                    + ArchiveLimits.describe(limit));
        }
        String name = blobName(digest);
        byte[] content = files.read(name, limit, what);
        if (content == null) {
            String detail = what + " is not in the layout (no " + name + ")" + files.absenceHint();
            throw missing == ArchiveException.Kind.NOT_FOUND ? ArchiveException.notFound(detail)
                    : ArchiveException.invalid(detail);
        }
        return content;
    }

    /** image-layout.md: blobs/&lt;alg&gt;/&lt;encoded&gt;. Only called with a digest of the grammar. */
    static String blobName(String digest) {
        int colon = digest.indexOf(':');
        return "blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1);
    }

    /** image-layout.md: imageLayoutVersion is "1.0.0"; a major version other than 1 may mean anything. */
    private static void checkVersion(byte[] layoutFile) throws ArchiveException {
        JsonNode root = ArchiveJson.read(layoutFile, LAYOUT_FILE);
        JsonNode version = root.path("imageLayoutVersion");
        if (!version.isTextual()) {
            throw ArchiveException.invalid("the oci-layout file has no imageLayoutVersion");
        }
        if (!version.asText().startsWith("1.")) {
            throw ArchiveException.invalid("unsupported OCI image layout version " + version.asText() + " (1.x is read)");
        }
    }
}
