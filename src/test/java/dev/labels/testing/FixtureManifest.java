package dev.labels.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One single-platform image manifest that was pushed: either a fixture tag itself, or a child of an index.
 *
 * @param digest       the manifest digest, usable as {@code repository@digest}
 * @param mediaType    the manifest's media type (Docker v2 or OCI)
 * @param configDigest the config blob the labels are in
 * @param labels       the labels as pushed; empty when the config says {@code "Labels": null}
 */
public record FixtureManifest(
        String digest, String mediaType, FixturePlatform platform, String configDigest, Map<String, String> labels) {

    public FixtureManifest {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels)); // keeps the pushed order
    }
}
