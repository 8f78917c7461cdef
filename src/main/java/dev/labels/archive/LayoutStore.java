package dev.labels.archive;

import dev.labels.image.ContentStore;
import dev.labels.image.Descriptor;
import dev.labels.image.ImageException;
import dev.labels.image.ImageIndex;
import dev.labels.image.Manifest;
import java.util.List;
import java.util.Map;

/**
 * An OCI layout as the content of the image an {@code oci:} or {@code oci-archive:} reference names: by digest (an
 * entry of index.json, or any manifest blob of the layout, such as one platform's manifest), by tag, or the only
 * image there is. index.json is the index the image's manifest is listed in, and its entry the descriptor (when
 * the entry names an index, the walk goes on into that one). Blobs are read and verified by {@link OciLayout}.
 */
final class LayoutStore implements ContentStore<ArchiveException> {
    private final OciLayout layout;
    private final ArchiveReference reference;

    LayoutStore(ImageFiles files, ArchiveReference reference) {
        this.layout = new OciLayout(files);
        this.reference = reference;
    }

    @Override
    public Start start() throws ArchiveException {
        ImageIndex index = layout.index();
        if (reference.digest() != null) {
            Descriptor listed = IndexEntries.byDigest(index, reference.digest());
            if (listed != null) {
                return new Start(reference.toString(), layout.manifest(listed, ArchiveException.Kind.INVALID_FILE),
                        listed.digest(), index, listed);
            }
            // Not listed, but maybe a blob of the layout: missing, it is what the user named that is not found.
            Descriptor named = new Descriptor(null, reference.digest(), 0, null, Map.of());
            return Start.of(reference.toString(), layout.manifest(named, ArchiveException.Kind.NOT_FOUND),
                    reference.digest());
        }
        List<Descriptor> entries = IndexEntries.select(index, reference.tag());
        String tag = reference.tag() != null ? reference.tag() : IndexEntries.tagOf(entries.get(0));
        String name = reference.withTag(tag).toString();
        if (entries.size() == 1) {
            Descriptor entry = entries.get(0);
            return new Start(name, layout.manifest(entry, ArchiveException.Kind.INVALID_FILE), entry.digest(), index,
                    entry);
        }
        // The platforms of one image listed straight in index.json: index.json is that image's index.
        return Start.of(name, new ImageIndex(index.mediaType(), entries, index.annotations()), null);
    }

    @Override
    public Manifest manifest(Descriptor descriptor, Step step) throws ArchiveException {
        return layout.manifest(descriptor, ArchiveException.Kind.INVALID_FILE);
    }

    @Override
    public byte[] blob(Descriptor descriptor, Step step) throws ArchiveException {
        return layout.blob(descriptor.digest(), descriptor.size(), ArchiveLimits.CONFIG_BYTES,
                "config " + descriptor.digest(), ArchiveException.Kind.INVALID_FILE);
    }

    @Override
    public ArchiveException failure(Step step, ImageException error) {
        return ArchiveException.judged(step.digest() == null ? null
                : (step.readsManifest() ? "manifest " : "config ") + step.digest(), error);
    }
}
