package dev.labels.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file the user named (a config, auth or certificate file) into memory, counting its bytes as they are
 * read: a FIFO, a process substitution or {@code /dev/zero} reports a size of 0, so a check of the size first
 * would let {@code /dev/zero} fill the heap.
 */
public final class BoundedFiles {

    /** Thrown when a file is over its limit; names the file and the limit. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(Path file, long limit) {
            super(file + " is larger than " + limit + " bytes");
        }
    }

    private BoundedFiles() {
    }

    /** The file's bytes; {@link TooLargeException} when there are more than {@code limit}. */
    public static byte[] read(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(limit + 1);
            if (content.length > limit) {
                throw new TooLargeException(file, limit);
            }
            return content;
        }
    }
}
