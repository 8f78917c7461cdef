package dev.labels.source;

import dev.labels.error.LabelsException;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import java.util.List;

/**
 * Where images are read from, given a reference as the user wrote it. Failures are LabelsExceptions of whichever
 * source read the image (an invalid reference, a registry's or a file's failure), each with its kind.
 */
public interface ImageSource {

    /**
     * @param reference the reference as given on the command line or in a file
     * @param platform  the platform asked for, or null for the default
     */
    ResolvedImage resolve(String reference, Platform platform) throws LabelsException;

    /**
     * Every platform's image of a multi-platform reference (attestations left out), for
     * {@code --all-platforms}; for a single-platform image, that one image.
     */
    List<ResolvedImage> resolveAll(String reference) throws LabelsException;
}
