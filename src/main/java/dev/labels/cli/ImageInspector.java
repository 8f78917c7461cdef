package dev.labels.cli;

import dev.labels.image.Platform;
import dev.labels.labels.ImageRecord;
import dev.labels.labels.LabelSelector;
import dev.labels.image.ResolvedImage;
import dev.labels.source.ImageSource;
import java.util.function.Consumer;

/**
 * Inspects one reference as given by the user and never throws: every failure, expected or not, becomes the
 * outcome's error, so that a batch always has exactly one record per input.
 */
final class ImageInspector {
    private final ImageSource source;
    private final Platform platform;
    private final LabelSelector selector;
    private final Consumer<String> warn;

    ImageInspector(ImageSource source, Platform platform, LabelSelector selector, Consumer<String> warn) {
        this.source = source;
        this.platform = platform;
        this.selector = selector;
        this.warn = warn;
    }

    /** The canonical name for an error record, when the reference is valid enough to have one. */
    private static String resolvedName(String reference) {
        if (dev.labels.source.Sources.isArchive(reference)) {
            return null; // "docker-archive:app.tar" would parse as a Docker Hub image name
        }
        try {
            return dev.labels.reference.ImageReference.parse(reference).toString();
        } catch (dev.labels.reference.InvalidReferenceException | RuntimeException e) {
            return null;
        }
    }

    Outcome inspect(String reference) {
        try {
            ResolvedImage image = source.resolve(reference, platform);
            if (image.platformFellBack()) {
                warn.accept("no image for " + Platform.host() + " in " + image.name() + "; using " + image.platform());
            }
            return Outcome.success(ImageRecord.of(reference, image, selector.select(image.config().labels())), image);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            return Outcome.failure(reference, resolvedName(reference), e);
        }
    }
}
