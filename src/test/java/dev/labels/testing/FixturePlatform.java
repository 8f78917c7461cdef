package dev.labels.testing;

/**
 * The platform a fixture image was built for, as written in its config and in index entries.
 *
 * @param variant {@code null} when the image names none (amd64 never does; arm64 may or may not)
 */
public record FixturePlatform(String os, String architecture, String variant) {

    public static final FixturePlatform LINUX_AMD64 = new FixturePlatform("linux", "amd64", null);
    public static final FixturePlatform LINUX_ARM64_V8 = new FixturePlatform("linux", "arm64", "v8");
    /** arm64 with no variant, as some builders write it; clients must treat it like arm64/v8. */
    public static final FixturePlatform LINUX_ARM64 = new FixturePlatform("linux", "arm64", null);
    /** What BuildKit writes for attestation manifests, so that no platform matcher picks them. */
    public static final FixturePlatform UNKNOWN = new FixturePlatform("unknown", "unknown", null);

    /** {@code os/architecture[/variant]}, the form {@code docker --platform} takes. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
