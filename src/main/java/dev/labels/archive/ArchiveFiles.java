package dev.labels.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens what a reference points at as {@link ImageFiles}: a folder for {@code oci:}, a tar for the archive
 * transports. Whether a tar is gzip-compressed is decided by its first bytes (1f 8b), not by its name: CI
 * jobs name files freely. Other compressions are named in the error, so the fix is obvious.
 */
final class ArchiveFiles {

    private ArchiveFiles() {
    }

    static ImageFiles open(ArchiveReference reference) throws ArchiveException {
        Path path = reference.file();
        if (!Files.exists(path)) {
            throw ArchiveException.notFound(path.toAbsolutePath().normalize() + " does not exist");
        }
        if (reference.transport() == Transport.OCI) {
            if (!Files.isDirectory(path)) {
                throw ArchiveException.invalid(path + " is a file, not an OCI layout folder; a layout in a tar is read "
                        + "with oci-archive:" + reference.path());
            }
            return new FolderFiles(path);
        }
        if (Files.isDirectory(path)) {
            throw ArchiveException.invalid(path + " is a folder, not an archive; an OCI layout folder is read with oci:"
                    + reference.path());
        }
        byte[] magic = magic(path);
        if (magic.length == 0) {
            throw ArchiveException.invalid(path + " is empty, not a tar archive");
        }
        if (startsWith(magic, 0x1f, 0x8b)) {
            return GzipTarFiles.open(path);
        }
        String other = startsWith(magic, 0x28, 0xb5, 0x2f, 0xfd) ? "zstd"
                : startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0) ? "xz"
                : startsWith(magic, 'B', 'Z', 'h') ? "bzip2"
                : null;
        if (other != null) {
            throw ArchiveException.invalid(path + " is " + other + "-compressed; only plain and gzip-compressed tars "
                    + "are read: decompress it first");
        }
        return TarFiles.open(path);
    }

    private static byte[] magic(Path path) throws ArchiveException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(6);
        } catch (IOException e) {
            throw IoErrors.reading(path.toString(), e);
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
