package dev.labels.reference;

import java.util.Objects;

/**
 * A fully normalized container image reference, e.g. {@code docker.io/library/alpine:latest}.
 *
 * <p>Instances made by {@link #parse(String)} are always in canonical form: the registry is
 * explicit ({@code docker.io} when none was given), official Docker Hub images carry the
 * {@code library/} namespace, and a tag is present unless only a digest was given.
 *
 * @param registry   registry host with optional port, e.g. {@code docker.io}, {@code localhost:5000},
 *                   {@code [::1]:5000}; never null
 * @param repository repository path inside the registry, e.g. {@code library/alpine}; never null
 * @param tag        the tag; {@link #DEFAULT_TAG} when neither tag nor digest was given, null when
 *                   only a digest was given
 * @param digest     {@code algorithm:hex}, e.g. {@code sha256:...}; null when not given
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    /** Registry used when the reference names none (distribution/reference normalize.go: defaultDomain). */
    public static final String DEFAULT_REGISTRY = "docker.io";

    /** Tag used when the reference has neither tag nor digest (normalize.go: defaultTag). */
    public static final String DEFAULT_TAG = "latest";

    /** Docker Hub namespace of official images (normalize.go: officialRepoPrefix, without the slash). */
    public static final String OFFICIAL_NAMESPACE = "library";

    /**
     * Guards the invariants {@link #toString()} and {@link #identifier()} rely on; values made by
     * {@link #parse(String)} always satisfy them.
     */
    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        if (tag == null && digest == null) {
            throw new IllegalArgumentException("an image reference needs a tag, a digest or both");
        }
    }

    /**
     * One entry point: parses and normalizes. Never returns null, never throws anything but
     * {@link InvalidReferenceException}.
     *
     * @param text a reference as a user would type it, e.g. {@code alpine}, {@code ghcr.io/o/i:1.0},
     *             {@code localhost:5000/x@sha256:...}
     * @return the normalized reference
     * @throws InvalidReferenceException when the text is not a valid reference; the message
     *                                   quotes the input and says what is wrong
     */
    public static ImageReference parse(String text) throws InvalidReferenceException {
        return ReferenceParser.parse(text);
    }

    /**
     * Whether {@code text} is a tag by the distribution spec's grammar,
     * {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}: what a registry may list, and all a tag may hold.
     */
    public static boolean isTag(String text) {
        return Tags.valid(text);
    }

    /** Digest when present, else tag: what goes in {@code /v2/<repository>/manifests/<identifier>}. */
    public String identifier() {
        return digest != null ? digest : tag;
    }

    /** {@code registry/repository}, e.g. {@code docker.io/library/alpine}. */
    public String name() {
        return registry + "/" + repository;
    }

    /** True when a digest was given. */
    public boolean hasDigest() {
        return digest != null;
    }

    /**
     * Canonical text: {@code registry/repository:tag}, {@code registry/repository@digest}, or
     * {@code registry/repository:tag@digest} when both were given. It parses back to an equal value.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name());
        if (tag != null) {
            text.append(':').append(tag);
        }
        if (digest != null) {
            text.append('@').append(digest);
        }
        return text.toString();
    }
}
