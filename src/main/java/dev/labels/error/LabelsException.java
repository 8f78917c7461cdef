package dev.labels.error;

/**
 * A failure a command reports to its user: every checked exception that may leave a package for the CLI is one,
 * and its {@link Kind} alone decides the exit code and a batch record's error code ({@code app/ExitStatus}, one
 * switch). The message is printed as it is, so it names the operation and the target.
 *
 * <p>Abstract, not sealed: the subclasses live in the packages that throw them, and a sealed class outside a named
 * module permits subclasses of its own package only. The exhaustive switch over {@link Kind} gives the same
 * guarantee where it matters: a new kind does not compile until it has an exit code.
 *
 * <p>Errors that never leave their package untranslated ({@code ImageException}, {@code AuthException},
 * {@code TlsException}, ...) are not LabelsExceptions: their kind depends on who asked (a malformed manifest is
 * REGISTRY_ERROR from a registry, INVALID_FILE from a file), and the compiler makes the caller translate them.
 */
public abstract class LabelsException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The classes of failure the user acts on differently; each has its exit code and record code. */
    public enum Kind {
        /** Options that do not work together, an unreadable {@code --file} or config file. */
        USAGE,
        /** Text that is not an image reference. */
        INVALID_REFERENCE,
        /** Labels the chosen output format cannot carry ({@code -o env}: names that collide or are refused). */
        FORMAT,
        /** The repository, tag, digest, platform, file or folder is not there (or hidden from an anonymous user). */
        NOT_FOUND,
        /** Authentication failed, or the credentials do not grant access. */
        UNAUTHORIZED,
        /** The registry asked us to slow down (429, Docker Hub's TOOMANYREQUESTS). */
        RATE_LIMITED,
        /** The reference names an artifact that is not an image: a Helm chart, an SBOM, a signature. */
        NOT_AN_IMAGE,
        /** A label the user relies on is missing or different ({@code --require}, {@code --get}). */
        LABEL_MISSING,
        /** The registry answered, but not with something we can use (5xx, malformed JSON, digest mismatch). */
        REGISTRY_ERROR,
        /** No usable answer at all: DNS, refused connection, TLS failure, timeout, truncated body. */
        NETWORK,
        /** A file or folder that is there but is not a readable image: wrong format, damaged, digest mismatch. */
        INVALID_FILE,
        /** Carried by no LabelsException: the kind of every other exception, which is a bug. */
        INTERNAL
    }

    private final Kind kind;

    protected LabelsException(Kind kind, String message) {
        this(kind, message, null);
    }

    protected LabelsException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public final Kind kind() {
        return kind;
    }
}
