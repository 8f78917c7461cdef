package dev.labels.image;

import java.util.Locale;

/**
 * containerd's platform aliases, so {@code x86_64}, {@code aarch64} or {@code armhf} from
 * {@code uname -m}, the JVM or a Debian arch name match what images declare.
 *
 * <p>Ported from containerd's {@code normalizeArch}/{@code normalizeOS}; the notable rules are
 * that 32-bit {@code arm} without a variant means {@code v7}, and that {@code arm64/v8} is the
 * same as plain {@code arm64} (v8 is the baseline, so containerd drops it).
 *
 * @see <a href="https://github.com/containerd/platforms/blob/main/database.go">containerd database.go</a>
 */
final class PlatformNames {

    private PlatformNames() {
    }

    static Platform normalize(Platform p) {
        String os = lower(p.os());
        String arch = lower(p.architecture());
        String variant = lower(p.variant());
        if ("macos".equals(os)) {
            os = "darwin";
        }
        if (arch == null) {
            return new Platform(os, null, variant);
        }
        switch (arch) {
            case "i386", "i686", "x86" -> {
                arch = "386";
                variant = null;
            }
            case "x86_64", "x86-64", "amd64" -> {
                arch = "amd64";
                if ("v1".equals(variant)) {
                    variant = null; // v1 is the amd64 baseline
                }
            }
            case "aarch64", "arm64" -> {
                arch = "arm64";
                if (variant != null) {
                    variant = switch (variant) {
                        case "8", "v8", "v8.0" -> null;
                        case "9", "9.0", "v9.0" -> "v9";
                        default -> variant.startsWith("v") ? variant : "v" + variant;
                    };
                }
            }
            case "armhf" -> {
                arch = "arm";
                variant = "v7";
            }
            case "armel" -> {
                arch = "arm";
                variant = "v6";
            }
            case "arm" -> {
                if (variant == null || "7".equals(variant)) {
                    variant = "v7";
                } else if ("5".equals(variant) || "6".equals(variant) || "8".equals(variant)) {
                    variant = "v" + variant;
                }
            }
            default -> {
                // ppc64le, s390x, riscv64, wasm ... are used verbatim.
            }
        }
        return new Platform(os, arch, variant);
    }

    private static String lower(String value) {
        return value == null || value.isBlank() ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
