package dev.labels.archive;

import dev.labels.image.Descriptor;
import dev.labels.image.ImageIndex;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import java.util.List;
import java.util.Map;

/**
 * The image an {@code oci:} or {@code oci-archive:} reference names: by digest (an entry of index.json, or
 * any manifest blob of the layout, such as one platform's manifest), by tag, or the only image there is.
 */
final class LayoutImages {

    private LayoutImages() {
    }

    static ResolvedImage resolve(ImageFiles files, ArchiveReference reference, Platform requested,
                                 Platform defaultPlatform) throws ArchiveException {
        OciLayout layout = new OciLayout(files);
        ImageIndex index = layout.index();
        ManifestWalker walker = new ManifestWalker(layout, defaultPlatform);
        if (reference.digest() != null) {
            Descriptor listed = IndexEntries.byDigest(index, reference.digest());
            Descriptor entry = listed != null ? listed
                    : new Descriptor(null, reference.digest(), 0, null, Map.of());
            return walker.walk(reference.toString(), List.of(entry), requested, listed == null);
        }
        List<Descriptor> entries = IndexEntries.select(index, reference.tag());
        String tag = reference.tag() != null ? reference.tag() : IndexEntries.tagOf(entries.get(0));
        return walker.walk(reference.withTag(tag).toString(), entries, requested, false);
    }
}
