package dev.labels.archive;

import dev.labels.image.ContentStore;
import dev.labels.image.ImageWalk;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.reference.InvalidReferenceException;
import java.util.List;

/**
 * Images in files and folders, for references that start with {@code oci:}, {@code oci-archive:} or
 * {@code docker-archive:}: the one {@link ImageWalk} over the file as a {@link ContentStore} ({@link LayoutStore},
 * {@link DockerArchive}). Each call opens the file, reads the few small files it needs (index.json or
 * manifest.json, a manifest, a config) and closes it; nothing is extracted and layers are never read.
 * Thread-safe: calls share nothing.
 */
public final class ArchiveImages {
    private final Platform defaultPlatform;

    /** @param defaultPlatform the platform to read from a multi-platform image when none is asked for */
    public ArchiveImages(Platform defaultPlatform) {
        this.defaultPlatform = defaultPlatform;
    }

    /** True when {@code reference} names a file or folder rather than a registry image. */
    public static boolean handles(String reference) {
        return Transport.of(reference).isPresent();
    }

    /**
     * @param reference a reference that {@link #handles} accepts
     * @param requested the platform asked for, or null for the default
     * @throws InvalidReferenceException when the reference cannot be parsed (no path, a malformed digest)
     * @throws ArchiveException          when the image cannot be read; the message names the reference
     */
    public ResolvedImage resolve(String reference, Platform requested)
            throws InvalidReferenceException, ArchiveException {
        return read(reference, walk -> walk.one(requested));
    }

    /** Every platform's image of what {@code reference} names (see {@link ImageWalk#all}), as {@link #resolve}. */
    public List<ResolvedImage> resolveAll(String reference) throws InvalidReferenceException, ArchiveException {
        return read(reference, ImageWalk::all);
    }

    @FunctionalInterface
    private interface Walk<T> {
        T over(ImageWalk<ArchiveException> walk) throws ArchiveException;
    }

    private <T> T read(String reference, Walk<T> walk) throws InvalidReferenceException, ArchiveException {
        ArchiveReference parsed = ArchiveReference.parse(reference);
        try (ImageFiles files = ArchiveFiles.open(parsed)) {
            ContentStore<ArchiveException> store = parsed.transport() == Transport.DOCKER_ARCHIVE
                    ? new DockerArchive(files, parsed) : new LayoutStore(files, parsed);
            return walk.over(new ImageWalk<>(store, defaultPlatform));
        } catch (ArchiveException e) {
            throw e.about(reference);
        }
    }
}
