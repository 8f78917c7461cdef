package dev.labels.cache;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a cache folder may be used at all. What it holds steers a run (how registries authenticate, the
 * tokens they granted, the digest a tag had), so it must be a folder that no one but the user running labels
 * can have written to: owned by that user and not writable by group or others, as ssh's StrictModes asks of
 * {@code ~/.ssh}. A folder that is not there yet is made readable by its user only.
 *
 * <p>Where the file system has no POSIX owner and mode (Windows), there is nothing to judge by and the folder
 * is used.
 */
final class CacheFolder {
    /** The write bits of group and others. */
    private static final int WRITABLE_BY_OTHERS = 0022;

    private CacheFolder() {
    }

    /**
     * Why {@code root} must not be used, or empty when it may; makes it (mode 0700) when it is missing.
     *
     * @throws IOException it is missing and cannot be made, or it is not a folder
     */
    static Optional<String> refusal(Path root) throws IOException {
        Map<String, Object> attributes;
        try {
            if (!Files.exists(root)) {
                make(root);
            }
            attributes = Files.readAttributes(root, "unix:uid,mode,isDirectory");
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
        if (!(Boolean) attributes.get("isDirectory")) {
            throw new NotDirectoryException(root.toString());
        }
        int owner = (Integer) attributes.get("uid");
        long me = currentUid();
        if (owner != me) {
            return Optional.of("it is owned by uid " + owner + ", not by uid " + me + " that runs labels");
        }
        int mode = (Integer) attributes.get("mode") & 07777;
        if ((mode & WRITABLE_BY_OTHERS) != 0) {
            return Optional.of("it is writable by group or others (mode " + String.format("%04o", mode)
                    + "; chmod go-w makes it usable)");
        }
        return Optional.empty();
    }

    /** The folder and its missing parents; the folder itself readable by its user only, whatever the umask. */
    private static void make(Path root) throws IOException {
        Path parent = root.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // Made at the same moment by another run (or by someone else): judged like any folder that was there.
        }
    }

    /**
     * The uid of this process. Linux names it on /proc/self at the cost of one stat; elsewhere the JDK asks
     * getuid(), which costs loading a native library.
     */
    private static long currentUid() throws IOException {
        Path self = Path.of("/proc/self");
        if (Files.isDirectory(self)) {
            return ((Integer) Files.getAttribute(self, "unix:uid")).longValue();
        }
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }
}
