package dev.labels.app;

import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.output.ImageDetails;
import dev.labels.output.ImageRecord;
import dev.labels.selection.LabelSelector;
import dev.labels.selection.Requirement;
import dev.labels.source.ImageSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Inspects one reference as given by the user and never throws: every failure, expected or not, becomes the
 * outcome's error, so that a batch always has exactly one record per input (per platform with
 * {@link #inspectAll}). A bug in one image's reading (a RuntimeException, a StackOverflowError: the image's own
 * stack unwinds) is that image's "internal error". An OutOfMemoryError is not caught: it is no fault of one image,
 * and the run must end with it, not go on with a record that hides it.
 */
public final class ImageInspector {
    private final ImageSource source;
    private final Platform platform;
    private final LabelSelector selector;
    private final Function<ResolvedImage, Map<String, String>> labelsOf;
    private final List<Requirement> requirements;
    private final boolean full;
    private final Consumer<String> warn;

    public ImageInspector(ImageSource source, Platform platform, LabelSelector selector,
                   Function<ResolvedImage, Map<String, String>> labelsOf, Consumer<String> warn) {
        this(source, platform, selector, labelsOf, List.of(), false, warn);
    }

    /**
     * @param labelsOf     what is selected from: the image's labels, or its labels and annotations (--annotations)
     * @param requirements --require: checked against each image's whole {@code labelsOf}
     * @param full         --full: records carry {@link ImageDetails}
     */
    public ImageInspector(ImageSource source, Platform platform, LabelSelector selector,
                   Function<ResolvedImage, Map<String, String>> labelsOf, List<Requirement> requirements,
                   boolean full, Consumer<String> warn) {
        this.source = source;
        this.platform = platform;
        this.selector = selector;
        this.labelsOf = labelsOf;
        this.requirements = List.copyOf(requirements);
        this.full = full;
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

    public Outcome inspect(String reference) {
        try {
            ResolvedImage image = source.resolve(reference, platform);
            if (image.platformFellBack()) {
                warn.accept("no image for " + Platform.host() + " in " + image.name() + "; using " + image.platform());
            }
            return outcome(reference, image);
        } catch (Exception | StackOverflowError e) {
            return Outcome.failure(reference, resolvedName(reference), e);
        }
    }

    /** One outcome per platform of the image (--all-platforms); one failure when it cannot be read. */
    public List<Outcome> inspectAll(String reference) {
        try {
            List<Outcome> outcomes = new ArrayList<>();
            for (ResolvedImage image : source.resolveAll(reference)) {
                outcomes.add(outcome(reference, image));
            }
            return outcomes;
        } catch (Exception | StackOverflowError e) {
            return List.of(Outcome.failure(reference, resolvedName(reference), e));
        }
    }

    private Outcome outcome(String reference, ResolvedImage image) {
        Map<String, String> labels = labelsOf.apply(image);
        ImageRecord record = ImageRecord.of(reference, image, selector.select(labels));
        if (full) {
            record = record.withDetails(ImageDetails.of(image));
        }
        List<Requirement> unmet = Requirement.unmet(requirements, labels);
        if (unmet.isEmpty()) {
            return Outcome.success(record);
        }
        String reasons = unmet.stream().map(r -> r.unmetBy(labels)).collect(Collectors.joining("; "));
        String where = image.platform() == null ? image.name() : image.name() + " (" + image.platform() + ")";
        return new Outcome(record.withMissing(unmet.stream().map(Requirement::text).toList()),
                new LabelCheckException(where + ": required label " + reasons));
    }
}
