package dev.labels.image;

/**
 * The manifest read is not an image's but another artifact's kept in an image manifest: a Helm chart, an SBOM,
 * a signature (see {@link ImageManifest#isImage}). Its config holds no labels to read, so this is a failure of
 * its own, not an empty label map.
 */
public final class NotAnImageException extends ImageException {
    /** Enough for any real media type (RFC 6838 allows 127 characters on each side of the '/'). */
    private static final int MAX_QUOTED_LENGTH = 100;

    private final String artifactType;

    public NotAnImageException(String artifactType) {
        super("not an image: an artifact of type " + quote(artifactType));
        this.artifactType = artifactType;
    }

    /** The artifact's type as its manifest states it: its artifactType, else its config's media type. */
    public String artifactType() {
        return artifactType;
    }

    /**
     * The type quoted on one line of printable ASCII: it comes from whoever pushed the artifact, so quotes and
     * backslashes are escaped, every other character outside printable ASCII is shown as {@code \}{@code uXXXX},
     * and a long type is cut.
     */
    private static String quote(String type) {
        if (type == null) {
            return "(none)";
        }
        int shown = Math.min(type.length(), MAX_QUOTED_LENGTH);
        StringBuilder quoted = new StringBuilder(shown + 2).append('"');
        for (int i = 0; i < shown; i++) {
            char c = type.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        quoted.append(c);
                    } else {
                        quoted.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        if (shown < type.length()) {
            return quoted.append("...\" (").append(type.length()).append(" characters)").toString();
        }
        return quoted.append('"').toString();
    }
}
