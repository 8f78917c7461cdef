package dev.labels.source;

import dev.labels.archive.ArchiveException;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.reference.InvalidReferenceException;
import dev.labels.registry.RegistryException;

/** Where images are read from, given a reference as the user wrote it. */
public interface ImageSource {

    /**
     * @param reference the reference as given on the command line or in a file
     * @param platform  the platform asked for, or null for the default
     */
    ResolvedImage resolve(String reference, Platform platform)
            throws InvalidReferenceException, RegistryException, ArchiveException;
}
