package dev.labels.source;

import dev.labels.archive.ArchiveImages;
import dev.labels.error.LabelsException;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import java.util.List;

/**
 * Chooses where a reference is read from by its prefix: {@code oci:}, {@code oci-archive:} and
 * {@code docker-archive:} are files (see {@link ArchiveImages}); everything else is a registry reference,
 * read as before.
 */
public final class Sources implements ImageSource {
    private final ImageSource registry;
    private final ArchiveImages archives;

    public Sources(ImageSource registry, ArchiveImages archives) {
        this.registry = registry;
        this.archives = archives;
    }

    /** True when {@code reference} names a file or folder rather than a registry image. */
    public static boolean isArchive(String reference) {
        return ArchiveImages.handles(reference);
    }

    @Override
    public ResolvedImage resolve(String reference, Platform platform) throws LabelsException {
        return isArchive(reference) ? archives.resolve(reference, platform) : registry.resolve(reference, platform);
    }

    @Override
    public List<ResolvedImage> resolveAll(String reference) throws LabelsException {
        return isArchive(reference) ? archives.resolveAll(reference) : registry.resolveAll(reference);
    }
}
