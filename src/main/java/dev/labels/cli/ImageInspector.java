package dev.labels.cli;

import dev.labels.image.Platform;
import dev.labels.labels.ImageRecord;
import dev.labels.labels.LabelSelector;
import dev.labels.reference.ImageReference;
import dev.labels.registry.ImageResolver;
import dev.labels.registry.ResolvedImage;
import java.util.function.Consumer;

/**
 * Inspects one reference as given by the user and never throws: every failure, expected or not, becomes the
 * outcome's error, so that a batch always has exactly one record per input.
 */
final class ImageInspector {
    private final ImageResolver resolver;
    private final Platform platform;
    private final LabelSelector selector;
    private final Consumer<String> warn;

    ImageInspector(ImageResolver resolver, Platform platform, LabelSelector selector, Consumer<String> warn) {
        this.resolver = resolver;
        this.platform = platform;
        this.selector = selector;
        this.warn = warn;
    }

    Outcome inspect(String reference) {
        ImageReference parsed = null;
        try {
            parsed = ImageReference.parse(reference);
            ResolvedImage image = resolver.resolve(parsed, platform);
            if (image.platformFellBack()) {
                warn.accept("no image for " + Platform.host() + " in " + parsed + "; using " + image.platform());
            }
            return Outcome.success(ImageRecord.of(reference, image, selector.select(image.config().labels())), image);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            return Outcome.failure(reference, parsed == null ? null : parsed.toString(), e);
        }
    }
}
