package dev.labels.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The files of an OCI image layout folder. Names are always ones this package built ({@code index.json},
 * {@code blobs/ALG/HEX} from a validated digest), never names taken from the files, so they cannot leave
 * the folder.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md">image-layout.md</a>
 */
final class FolderFiles implements ImageFiles {
    private final Path root;

    FolderFiles(Path root) {
        this.root = root;
    }

    @Override
    public byte[] read(String name, long limit, String what) throws ArchiveException {
        Path file = root.resolve(name);
        try {
            if (!Files.isRegularFile(file)) {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw ArchiveException.invalid(what + " (" + name + ") is not a regular file");
                }
                return null;
            }
            long size = Files.size(file);
            if (size > limit) {
                throw ArchiveException.invalid(what + " (" + name + ") is " + size + " bytes, over the limit of "
                        + ArchiveLimits.describe(limit));
            }
            byte[] content = Files.readAllBytes(file);
            if (content.length > limit) {
                throw ArchiveException.invalid(what + " (" + name + ") grew past " + ArchiveLimits.describe(limit)
                        + " while being read");
            }
            return content;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw IoErrors.reading(what + " (" + name + ")", e);
        }
    }

    @Override
    public String kind() {
        return "folder";
    }

    @Override
    public void close() {
        // Nothing is held open between reads.
    }
}
