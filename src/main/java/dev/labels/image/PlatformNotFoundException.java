package dev.labels.image;

import java.util.List;

/**
 * An image index holds no manifest usable for the requested platform (or none at all).
 * The message names the request and lists what the index does offer, so the user can retry.
 */
public final class PlatformNotFoundException extends ImageException {

    private final transient Platform requested;
    private final transient List<Platform> available;

    public PlatformNotFoundException(String message, Platform requested, List<Platform> available) {
        super(message);
        this.requested = requested;
        this.available = available == null ? List.of() : List.copyOf(available);
    }

    /** The platform asked for, or {@code null} when the index simply had no image manifests. */
    public Platform requested() {
        return requested;
    }

    /** Platforms of the index's real (non-attestation) entries, in index order. */
    public List<Platform> available() {
        return available;
    }
}
