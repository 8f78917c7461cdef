package dev.labels.app;

import dev.labels.reference.ImageReference;
import dev.labels.reference.InvalidReferenceException;
import dev.labels.registry.ImageResolver;
import dev.labels.registry.RegistryClient;
import dev.labels.source.Sources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The pulls a batch needs of each registry, for the warning that a registry counting pulls (Docker Hub) has
 * fewer left: at least one manifest GET for each image not in the cache (an index costs two), none for an
 * image in it, which a HEAD checks. Counted only when a registry first says how many pulls remain, so that
 * batches against registries that do not count pay nothing.
 */
public final class PullsNeeded {
    private PullsNeeded() {
    }

    /**
     * @param references the batch's references as given; image files and invalid references need no pull (the
     *                   latter get their own records)
     */
    public static void expect(RegistryClient client, ImageResolver resolver, List<String> references, Consumer<String> warn) {
        Map<String, List<ImageReference>> byRegistry = new LinkedHashMap<>();
        for (String reference : references) {
            if (Sources.isArchive(reference)) {
                continue;
            }
            try {
                ImageReference image = ImageReference.parse(reference);
                byRegistry.computeIfAbsent(image.registry(), registry -> new ArrayList<>()).add(image);
            } catch (InvalidReferenceException e) {
                // not an image of any registry: its record says why
            }
        }
        byRegistry.forEach((registry, images) -> client.expectPulls(registry,
                () -> (int) images.stream().filter(image -> !resolver.inCache(image)).count(), warn));
    }
}
