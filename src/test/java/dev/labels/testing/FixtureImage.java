package dev.labels.testing;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One fixture as its tag points at it, with what a correct label reader must report for it.
 *
 * @param repository  e.g. {@code public/docker-v2}
 * @param digest      digest of the manifest (or index) the tag points at
 * @param mediaType   media type of that manifest (or index)
 * @param platforms   the runnable images: one for a single-platform manifest (with the same digest), one per
 *                    platform entry for an index, in index order
 * @param attestation the attestation manifest listed in the index, or {@code null} if there is none
 */
public record FixtureImage(String repository, String tag, String digest, String mediaType,
                           List<FixtureManifest> platforms, FixtureManifest attestation) {

    public FixtureImage {
        platforms = List.copyOf(platforms);
    }

    /** {@code repository:tag}, without the registry host. */
    public String reference() {
        return repository + ":" + tag;
    }

    /** {@code repository@digest}, without the registry host. */
    public String digestReference() {
        return repository + "@" + digest;
    }

    public boolean isIndex() {
        return FixtureMediaTypes.isIndex(mediaType);
    }

    /** The labels of a single-platform image; fails for an index, where the platform must be chosen. */
    public Map<String, String> labels() {
        return single().labels();
    }

    /** The labels of the image for {@code platform}. */
    public Map<String, String> labels(FixturePlatform platform) {
        return platform(platform).labels();
    }

    /** The only image of a single-platform fixture. */
    public FixtureManifest single() {
        if (isIndex()) {
            throw new IllegalStateException(reference() + " is an index of " + platformNames() + "; pick a platform");
        }
        return platforms.get(0);
    }

    /** The image for exactly {@code platform} (os, architecture and variant all equal). */
    public FixtureManifest platform(FixturePlatform platform) {
        return platforms.stream().filter(manifest -> manifest.platform().equals(platform)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        reference() + " has no " + platform + " image, only " + platformNames()));
    }

    private String platformNames() {
        return platforms.stream().map(manifest -> manifest.platform().toString()).collect(Collectors.joining(", "));
    }
}
