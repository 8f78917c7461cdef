package dev.labels.source;

import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.reference.ImageReference;
import dev.labels.reference.InvalidReferenceException;
import dev.labels.registry.ImageResolver;
import dev.labels.registry.transport.RegistryException;
import java.util.List;

/** Images in registries: {@code [REGISTRY/]REPOSITORY[:TAG][@DIGEST]}. */
public final class RegistrySource implements ImageSource {
    private final ImageResolver resolver;

    public RegistrySource(ImageResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public ResolvedImage resolve(String reference, Platform platform)
            throws InvalidReferenceException, RegistryException {
        return resolver.resolve(ImageReference.parse(reference), platform);
    }

    @Override
    public List<ResolvedImage> resolveAll(String reference) throws InvalidReferenceException, RegistryException {
        return resolver.resolveAll(ImageReference.parse(reference));
    }
}
