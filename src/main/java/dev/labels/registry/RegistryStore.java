package dev.labels.registry;

import dev.labels.error.LabelsException.Kind;
import dev.labels.image.ContentStore;
import dev.labels.image.Descriptor;
import dev.labels.image.ImageException;
import dev.labels.image.Manifest;
import dev.labels.image.NotAnImageException;
import dev.labels.image.PlatformNotFoundException;
import dev.labels.reference.ImageReference;
import dev.labels.registry.transport.Deadline;
import dev.labels.registry.transport.Operation;
import dev.labels.registry.transport.RegistryException;

/**
 * One image's content in a registry, through the cache ({@link CachingFetcher}): made per image, so that all its
 * reads share one {@link Deadline} ({@code --timeout}) and name the image and the host that answered.
 */
final class RegistryStore implements ContentStore<RegistryException> {
    private final CachingFetcher fetcher;
    private final ImageReference reference;
    private final Deadline deadline;
    private final String source;

    /**
     * @param source " (answer from HOST)" when another host than the reference's registry answers (Docker Hub's
     *               API host, a mirror), else "": errors about what was sent say who sent it
     */
    RegistryStore(CachingFetcher fetcher, ImageReference reference, Deadline deadline, String source) {
        this.fetcher = fetcher;
        this.reference = reference;
        this.deadline = deadline;
        this.source = source;
    }

    @Override
    public Start start() throws RegistryException {
        CachingFetcher.Fetched top = fetcher.top(operation(new Step(Step.Kind.READING_MANIFEST, null, null)),
                reference, deadline, source);
        return Start.of(reference.toString(), top.manifest(), top.digest());
    }

    @Override
    public Manifest manifest(Descriptor descriptor, Step step) throws RegistryException {
        return fetcher.byDigest(operation(step), reference, descriptor.digest(), deadline, source).manifest();
    }

    @Override
    public byte[] blob(Descriptor descriptor, Step step) throws RegistryException {
        return fetcher.config(operation(step), reference, descriptor.digest(), deadline, source);
    }

    @Override
    public RegistryException failure(Step step, ImageException error) {
        Operation operation = operation(step);
        if (error instanceof PlatformNotFoundException) {
            return operation.fail(Kind.NOT_FOUND, error.getMessage(), 0, error);
        }
        if (error instanceof NotAnImageException) {
            return operation.fail(Kind.NOT_AN_IMAGE, error.getMessage(), 0, error);
        }
        return fetcher.badAnswer(operation, error, source);
    }

    /** The step as errors name it: "reading manifest of registry.example.com/app:1 (linux/arm64)". */
    private Operation operation(Step step) {
        String target = reference.toString();
        return switch (step.kind()) {
            case READING_MANIFEST -> new Operation("reading manifest", target);
            case READING_CHILD -> new Operation("reading manifest",
                    step.platform() == null ? target : target + " (" + step.platform() + ")");
            case SELECTING_PLATFORM -> new Operation("selecting platform", target);
            case LISTING_PLATFORMS -> new Operation("listing platforms", target);
            case READING_CONFIG -> new Operation("reading config " + step.digest(), target);
        };
    }
}
