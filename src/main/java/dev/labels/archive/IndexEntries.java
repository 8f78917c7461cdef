package dev.labels.archive;

import dev.labels.image.Descriptor;
import dev.labels.image.ImageIndex;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which entries of a layout's index.json a reference asks for. A tag is matched against each entry's
 * {@code org.opencontainers.image.ref.name} annotation, as image-layout.md and skopeo do.
 *
 * <p>Usually one entry is chosen (an image manifest, or the index of a multi-platform image). Some tools list
 * a multi-platform image's manifests straight in index.json, all under one name or none; those entries are
 * returned together, for the platform to be picked among them.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md#indexjson-file">image-layout.md: index.json</a>
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/annotations.md#pre-defined-annotation-keys">annotations.md: ref.name</a>
 */
final class IndexEntries {
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    /** Names listed in an error, before "and N more". */
    private static final int LISTED = 20;

    private IndexEntries() {
    }

    /**
     * @param tag the tag asked for, or null
     * @return one entry, or several that are the platforms of one image
     * @throws ArchiveException NOT_FOUND when no entry has the tag, or when no tag was given and index.json
     *         holds several images (the message lists their tags)
     */
    static List<Descriptor> select(ImageIndex index, String tag) throws ArchiveException {
        List<Descriptor> entries = index.manifests();
        if (entries.isEmpty()) {
            throw ArchiveException.notFound("the layout holds no images (index.json lists none)");
        }
        if (tag != null) {
            List<Descriptor> tagged = entries.stream().filter(e -> tag.equals(e.annotations().get(REF_NAME))).toList();
            if (tagged.isEmpty()) {
                throw ArchiveException.notFound("no image tagged \"" + tag + "\" in the layout; " + listing(entries));
            }
            if (tagged.size() > 1 && tagged.stream().anyMatch(e -> e.platform() == null)) {
                throw ArchiveException.notFound(tagged.size() + " images are tagged \"" + tag + "\"; pick one with "
                        + "@DIGEST: " + tagged.stream().map(Descriptor::digest).collect(Collectors.joining(", ")));
            }
            return tagged;
        }
        boolean oneTag = entries.stream().map(IndexEntries::tagOf).distinct().count() == 1;
        if (entries.size() == 1 || (oneTag && entries.stream().allMatch(e -> e.platform() != null))) {
            return entries;
        }
        throw ArchiveException.notFound("the layout holds " + names(entries).size() + " images; add :TAG or @DIGEST "
                + "to the reference to pick one; " + listing(entries));
    }

    /** The entry with {@code digest}, or null when index.json does not list it (it may still be a blob). */
    static Descriptor byDigest(ImageIndex index, String digest) {
        return index.manifests().stream().filter(e -> digest.equals(e.digest())).findFirst().orElse(null);
    }

    /** The tag of an entry, or null. */
    static String tagOf(Descriptor entry) {
        return entry.annotations().get(REF_NAME);
    }

    /** Each image's tag, or its digest when untagged; in index order, once each. */
    private static Set<String> names(List<Descriptor> entries) {
        Set<String> names = new LinkedHashSet<>();
        for (Descriptor entry : entries) {
            String tag = tagOf(entry);
            names.add(tag != null ? "\"" + tag + "\"" : entry.digest() + " (untagged)");
        }
        return names;
    }

    private static String listing(List<Descriptor> entries) {
        List<String> names = new ArrayList<>(names(entries));
        boolean anyTagged = entries.stream().anyMatch(e -> tagOf(e) != null);
        String head = anyTagged ? "tags: " : "no image is tagged; digests: ";
        String shown = names.stream().limit(LISTED).map(n -> anyTagged ? n : n.replace(" (untagged)", ""))
                .collect(Collectors.joining(", "));
        return head + shown + (names.size() > LISTED ? " and " + (names.size() - LISTED) + " more" : "");
    }
}
