package dev.labels.image;

import java.util.Locale;
import java.util.Objects;

/**
 * The platform of an index entry or the one the user asks for: {@code os/arch[/variant]}.
 * JSON fields such as {@code os.version} and {@code features} are ignored.
 *
 * <p>Values are kept as given; {@link #normalized()} applies containerd's aliases so that
 * matching ({@link #matches}) is forgiving the same way {@code docker pull --platform} is.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">image-index.md: platform</a>
 * @see <a href="https://github.com/containerd/platforms/blob/main/database.go">containerd normalizeArch</a>
 */
public record Platform(String os, String architecture, String variant) {

    /** A blank variant (some indexes write {@code "variant": ""}) means no variant. */
    public Platform {
        if (variant != null && variant.isBlank()) {
            variant = null;
        }
    }

    /**
     * Parses {@code os/arch} or {@code os/arch/variant}, case-insensitively (the result is
     * lower-cased but not otherwise normalized, so messages echo what the user typed).
     */
    public static Platform parse(String text) throws InvalidPlatformException {
        if (text == null || text.isBlank()) {
            throw new InvalidPlatformException(text == null ? "" : text, "expected os/arch[/variant], e.g. linux/amd64");
        }
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new InvalidPlatformException(text, "expected os/arch[/variant], e.g. linux/amd64");
        }
        for (String part : parts) {
            if (part.isBlank() || !part.equals(part.strip())) {
                throw new InvalidPlatformException(text, "empty or padded part; expected os/arch[/variant]");
            }
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** The platform this JVM runs on, as an image platform: always linux (containers run there). */
    public static Platform host() {
        return forJvmArch(System.getProperty("os.arch"));
    }

    /** {@link #host()} for a given {@code os.arch} value; separate so it can be tested. */
    static Platform forJvmArch(String jvmArch) {
        return new Platform("linux", jvmArch == null ? "unknown" : jvmArch, null).normalized();
    }

    /** Lower-cased with containerd's aliases applied; see {@link PlatformNames}. */
    public Platform normalized() {
        return PlatformNames.normalize(this);
    }

    /**
     * Whether {@code other} (an index entry) satisfies this platform (the request). Both are
     * normalized first; os and architecture must be equal, and the variant too when this one
     * names a variant. So {@code linux/arm64} matches {@code linux/arm64/v8} both ways, and
     * {@code linux/arm} matches {@code linux/arm/v7} but not {@code linux/arm/v6}.
     */
    public boolean matches(Platform other) {
        if (other == null) {
            return false;
        }
        Platform want = normalized();
        Platform have = other.normalized();
        return Objects.equals(want.os, have.os)
                && Objects.equals(want.architecture, have.architecture)
                && (want.variant == null || want.variant.equals(have.variant));
    }

    /**
     * True for {@code unknown/unknown}: buildx writes that platform on attestation manifests
     * (SBOM, provenance), which are not runnable images.
     */
    public boolean isUnknown() {
        return "unknown".equalsIgnoreCase(os) || "unknown".equalsIgnoreCase(architecture);
    }

    /** {@code os/arch} or {@code os/arch/variant}; a missing os or arch shows as {@code ?}. */
    @Override
    public String toString() {
        String text = (os == null ? "?" : os) + "/" + (architecture == null ? "?" : architecture);
        return variant == null ? text : text + "/" + variant;
    }
}
