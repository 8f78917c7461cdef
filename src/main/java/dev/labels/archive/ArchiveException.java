package dev.labels.archive;

import dev.labels.error.LabelsException;
import dev.labels.image.ImageException;
import dev.labels.image.NotAnImageException;
import dev.labels.image.PlatformNotFoundException;

/**
 * Every failure to read an image from a file or folder, as data: whether what was asked for is absent (the
 * path, tag, digest or platform: NOT_FOUND), is an artifact that is not an image (a Helm chart, an SBOM:
 * NOT_AN_IMAGE), or the file is there but is not a readable image (not a layout or archive, damaged, truncated, a
 * digest mismatch: INVALID_FILE). The CLI maps the kinds to its exit codes.
 *
 * <p>The message reads "reading REFERENCE: DETAIL", e.g.
 * {@code reading oci-archive:build/app.tar: no image tagged "2"; tags: 1, 3}. Code deep in the package does
 * not know the reference, so it throws with the detail only and {@link ArchiveImages} adds the reference with
 * {@link #about(String)}.
 */
public final class ArchiveException extends LabelsException {
    private static final long serialVersionUID = 1L;

    private final String reference;
    private final String detail;

    private ArchiveException(Kind kind, String reference, String detail, Throwable cause) {
        super(kind, reference == null ? oneLine(detail) : "reading " + oneLine(reference) + ": " + oneLine(detail),
                cause);
        this.reference = reference;
        this.detail = detail;
    }

    /**
     * Messages quote names from inside the files (tar entry names, tags), which anyone who made the file
     * chose: a line break there could forge a line of CI output. Each run of control characters becomes one
     * space, as ImageException does for registry answers.
     */
    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}\u0085\u2028\u2029]+", " ");
    }

    static ArchiveException notFound(String detail) {
        return new ArchiveException(Kind.NOT_FOUND, null, detail, null);
    }

    static ArchiveException notFound(String detail, Throwable cause) {
        return new ArchiveException(Kind.NOT_FOUND, null, detail, cause);
    }

    static ArchiveException notAnImage(String detail, Throwable cause) {
        return new ArchiveException(Kind.NOT_AN_IMAGE, null, detail, cause);
    }

    static ArchiveException invalid(String detail) {
        return new ArchiveException(Kind.INVALID_FILE, null, detail, null);
    }

    static ArchiveException invalid(String detail, Throwable cause) {
        return new ArchiveException(Kind.INVALID_FILE, null, detail, cause);
    }

    /**
     * What the image model found wrong in the content, or not an image, as the failure it is: a platform that is
     * not there is NOT_FOUND, an artifact NOT_AN_IMAGE, anything else INVALID_FILE.
     *
     * @param what names the manifest or config judged, e.g. {@code "config sha256:..."}; null for none
     */
    static ArchiveException judged(String what, ImageException error) {
        if (error instanceof PlatformNotFoundException) {
            return notFound(error.getMessage(), error);
        }
        if (error instanceof NotAnImageException) {
            return notAnImage(error.getMessage(), error);
        }
        return invalid(what == null ? error.getMessage() : what + ": " + error.getMessage(), error);
    }

    /** The same failure, now naming the reference it concerns. */
    ArchiveException about(String reference) {
        return new ArchiveException(kind(), reference, detail, getCause());
    }

    /** The reference as the user gave it, or null while the failure has not been attributed yet. */
    public String reference() {
        return reference;
    }

    /** What went wrong, without the reference. */
    public String detail() {
        return detail;
    }
}
