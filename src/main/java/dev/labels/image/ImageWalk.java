package dev.labels.image;

import dev.labels.image.ContentStore.Start;
import dev.labels.image.ContentStore.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * From a reference to its image's config, the one way for every source ({@link ContentStore}): the manifest the
 * reference names; when that is an index, the platform's entry ({@link PlatformSelector}: attestations are never
 * taken, a default that is absent falls back with {@link ResolvedImage#platformFellBack}) and its manifest, which
 * must not be an index again; an artifact that is not an image stops there ({@link ImageManifest#requireImage});
 * then the config, which a schema 1 manifest holds itself. The result carries the annotations of the index, of
 * its entry and of the manifest ({@link ImageAnnotations}).
 *
 * @param <E> the store's failure, which every failure of the walk becomes
 */
public final class ImageWalk<E extends Exception> {
    private final ContentStore<E> store;
    private final Platform hostDefault;

    /** @param hostDefault the platform to read when none is asked for (normally {@link Platform#host()}) */
    public ImageWalk(ContentStore<E> store, Platform hostDefault) {
        this.store = store;
        this.hostDefault = hostDefault;
    }

    /** The image of platform {@code requested}, or of the default when null. */
    public ResolvedImage one(Platform requested) throws E {
        Start start = store.start();
        if (start.manifest() instanceof ImageIndex index) {
            PlatformSelector.Selection chosen = judge(new Step(Step.Kind.SELECTING_PLATFORM, null, null),
                    () -> PlatformSelector.select(index, requested, hostDefault));
            return child(start, index, chosen.descriptor(), chosen.platform(), chosen.fellBack());
        }
        return top(start);
    }

    /**
     * Every image of a multi-platform index, in index order, attestations (SBOMs, provenance) left out; for a
     * single-platform image, that image.
     */
    public List<ResolvedImage> all() throws E {
        Start start = store.start();
        if (!(start.manifest() instanceof ImageIndex index)) {
            return List.of(top(start));
        }
        List<ResolvedImage> images = new ArrayList<>();
        for (Descriptor entry : index.manifests()) {
            if (!entry.isAttestation()) {
                images.add(child(start, index, entry, entry.platform(), false));
            }
        }
        if (images.isEmpty()) {
            throw store.failure(new Step(Step.Kind.LISTING_PLATFORMS, null, null),
                    new PlatformNotFoundException("index has no image manifests", null, List.of()));
        }
        return images;
    }

    /** The image the reference names itself, under the index the store listed it in, if any. */
    private ResolvedImage top(Start start) throws E {
        Parent parent = start.listedIn() == null ? Parent.NONE
                : new Parent(start.listedIn().annotations(), start.entry().annotations(), null, false);
        return image(start.name(), start.manifest(), start.digest(), parent, Step.manifest(start.digest()));
    }

    /** The image an entry of {@code index} points at. */
    private ResolvedImage child(Start start, ImageIndex index, Descriptor entry, Platform platform, boolean fellBack)
            throws E {
        Step step = Step.child(entry, platform);
        Manifest manifest = store.manifest(entry, step);
        if (manifest instanceof ImageIndex) {
            throw store.failure(step, new MalformedImageException("an index inside an index is not supported"));
        }
        return image(start.name(), manifest, entry.digest(),
                new Parent(index.annotations(), entry.annotations(), platform, fellBack), step);
    }

    /** An image manifest, or a schema 1 one, and its config. */
    private ResolvedImage image(String name, Manifest manifest, String digest, Parent parent, Step step) throws E {
        if (manifest instanceof Schema1Manifest schema1) {
            ImageConfig config = judge(step, () -> ImageConfig.fromSchema1(schema1));
            return new ResolvedImage(name, digest, null, platformOf(config, parent.platform()), config,
                    parent.with(Map.of()), parent.fellBack(), null); // schema 1 has no annotations
        }
        ImageManifest image = judge(step, ((ImageManifest) manifest)::requireImage);
        Descriptor configDescriptor = image.config();
        Step readConfig = Step.config(configDescriptor.digest());
        byte[] bytes = store.blob(configDescriptor, readConfig);
        ImageConfig config = judge(readConfig, () -> ImageConfig.parse(bytes));
        // A manifest without a digest is one the store made (a classic docker save archive has none): no part.
        return new ResolvedImage(name, digest, configDescriptor.digest(), platformOf(config, parent.platform()),
                config, parent.with(digest == null ? null : image.annotations()), parent.fellBack(), bytes);
    }

    /**
     * What the index above a manifest gives the image: the index's and the entry's annotations, the entry's
     * platform and whether it was a fall-back.
     */
    private record Parent(Map<String, String> index, Map<String, String> descriptor,
                          Platform platform, boolean fellBack) {
        static final Parent NONE = new Parent(null, null, null, false);

        ImageAnnotations with(Map<String, String> manifest) {
            return new ImageAnnotations(index, descriptor, manifest);
        }
    }

    /** The platform chosen from an index, else the one the config declares (when it declares both parts). */
    private static Platform platformOf(ImageConfig config, Platform selected) {
        if (selected != null) {
            return selected;
        }
        return config.os() == null || config.architecture() == null ? null : config.platform();
    }

    @FunctionalInterface
    private interface ModelCall<T> {
        T call() throws ImageException;
    }

    /** Runs a judgement of the model on what the store gave; its error becomes the store's, naming the step. */
    private <T> T judge(Step step, ModelCall<T> call) throws E {
        try {
            return call.call();
        } catch (ImageException e) {
            throw store.failure(step, e);
        }
    }
}
