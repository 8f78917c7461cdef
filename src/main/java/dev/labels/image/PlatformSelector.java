package dev.labels.image;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Picks the manifest of one platform out of an image index, the way {@code docker pull}
 * would, but never silently: a fallback is reported through {@link Selection#fellBack()}.
 *
 * <p>Attestation entries (buildx SBOM/provenance, see {@link Descriptor#isAttestation()})
 * are never chosen: they have no image config and would print no labels.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">image-index.md</a>
 */
public final class PlatformSelector {

    /**
     * The chosen entry.
     *
     * @param descriptor the index entry to fetch next
     * @param platform   that entry's platform; {@code null} if the entry declares none (only
     *                   possible for the single-entry fallback)
     * @param fellBack   true when no entry matched the host default and another was taken;
     *                   the caller should warn on stderr
     */
    public record Selection(Descriptor descriptor, Platform platform, boolean fellBack) {
    }

    private PlatformSelector() {
    }

    /**
     * @param requested   the user's {@code --platform}, or {@code null} for the default
     * @param hostDefault the default platform (normally {@link Platform#host()}); may be null
     * @throws PlatformNotFoundException when an explicit request matches nothing, or the
     *         index holds no image manifests at all
     */
    public static Selection select(ImageIndex index, Platform requested, Platform hostDefault)
            throws PlatformNotFoundException {
        List<Descriptor> images = new ArrayList<>();
        for (Descriptor entry : index.manifests()) {
            if (!entry.isAttestation()) {
                images.add(entry);
            }
        }
        List<Platform> available = images.stream()
                .map(Descriptor::platform).filter(p -> p != null).collect(Collectors.toList());
        if (images.isEmpty()) {
            throw new PlatformNotFoundException("index has no image manifests", requested, available);
        }

        Platform wanted = requested != null ? requested : hostDefault;
        Descriptor match = firstMatch(images, wanted);
        if (match != null) {
            return new Selection(match, match.platform(), false);
        }
        if (requested != null) {
            throw new PlatformNotFoundException("no image for platform " + requested + "; available: "
                    + (available.isEmpty() ? "none declared" : join(available)), requested, available);
        }
        // Default not found: a lone entry may be taken even without a platform (single-arch
        // images pushed as an index); otherwise the first entry that names a platform.
        Descriptor fallback = images.size() == 1 ? images.get(0)
                : images.stream().filter(d -> d.platform() != null).findFirst().orElse(null);
        if (fallback == null) {
            throw new PlatformNotFoundException("index has " + images.size()
                    + " image manifests and none declares a platform", null, available);
        }
        return new Selection(fallback, fallback.platform(), true);
    }

    private static Descriptor firstMatch(List<Descriptor> images, Platform wanted) {
        if (wanted == null) {
            return null;
        }
        for (Descriptor entry : images) {
            if (entry.platform() != null && wanted.matches(entry.platform())) {
                return entry;
            }
        }
        return null;
    }

    private static String join(List<Platform> platforms) {
        return platforms.stream().map(Platform::toString).distinct().collect(Collectors.joining(", "));
    }
}
