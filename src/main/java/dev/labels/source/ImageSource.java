package dev.labels.source;

import dev.labels.archive.ArchiveException;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.reference.InvalidReferenceException;
import dev.labels.registry.RegistryException;
import java.util.List;

/** Where images are read from, given a reference as the user wrote it. */
public interface ImageSource {

    /**
     * @param reference the reference as given on the command line or in a file
     * @param platform  the platform asked for, or null for the default
     */
    ResolvedImage resolve(String reference, Platform platform)
            throws InvalidReferenceException, RegistryException, ArchiveException;

    /**
     * Every platform's image of a multi-platform reference (attestations left out), for
     * {@code --all-platforms}; for a single-platform image, that one image.
     */
    List<ResolvedImage> resolveAll(String reference)
            throws InvalidReferenceException, RegistryException, ArchiveException;
}
