package dev.labels.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The files of an OCI image layout folder. Names are always ones this package built ({@code index.json},
 * {@code blobs/ALG/HEX} from a validated digest), never names taken from the files.
 *
 * <p>Symbolic links are followed only while they stay inside the folder: whoever made the layout chose its
 * links, and {@code index.json -> ~/.docker/config.json} must not make labels read the user's own files. The
 * folder itself may be reached through a link: the user named it. (skopeo and umoci follow any link; crane
 * refuses links to blobs altogether.)
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md">image-layout.md</a>
 */
final class FolderFiles implements ImageFiles {
    private final Path root;
    /** The folder with every link resolved, once a read needs it. */
    private Path realRoot;

    FolderFiles(Path root) {
        this.root = root;
    }

    @Override
    public byte[] read(String name, long limit, String what) throws ArchiveException {
        Path file = root.resolve(name);
        try {
            Path real = insideLayout(file, name, what);
            if (real == null) {
                return null;
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw ArchiveException.invalid(what + " (" + name + ") is not a regular file");
            }
            long size = Files.size(real);
            if (size > limit) {
                throw ArchiveException.invalid(what + " (" + name + ") is " + size + " bytes, over the limit of "
                        + ArchiveLimits.describe(limit));
            }
            byte[] content = Files.readAllBytes(real);
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

    /**
     * The file's real path, links resolved, when it is inside the layout folder; null when there is no such
     * file. Read from that path, so what was checked is what is read (short of a race with whoever can
     * write the folder, who could change the layout anyway).
     */
    private Path insideLayout(Path file, String name, String what) throws IOException, ArchiveException {
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw ArchiveException.invalid(what + " (" + name + ") is a link to nothing");
            }
            return null;
        }
        if (realRoot == null) {
            realRoot = root.toRealPath();
        }
        if (!real.startsWith(realRoot)) {
            throw ArchiveException.invalid(what + " (" + name + ") is a link that leads outside the layout folder; "
                    + "links are followed only within the layout");
        }
        return real;
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
