package dev.labels.archive;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.zip.ZipException;

/** I/O failures as one-line reasons: the JDK's messages are often just the path, or a class name. */
final class IoErrors {

    private IoErrors() {
    }

    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof ZipException) {
            return "damaged gzip data (" + e.getMessage() + ")";
        }
        if (e instanceof EOFException) {
            return "unexpected end of file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** An I/O failure while reading {@code what}: the file is there but unusable. */
    static ArchiveException reading(String what, IOException e) {
        return ArchiveException.invalid("cannot read " + what + ": " + describe(e), e);
    }
}
