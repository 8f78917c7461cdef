package dev.labels.archive;

import java.io.Closeable;

/**
 * The files of an OCI layout or image archive, by name ({@code index.json}, {@code blobs/sha256/HEX},
 * {@code manifest.json}). Names are relative and normalized: no leading {@code ./} or {@code /}, no empty
 * or {@code .} segments, so {@code ./index.json} in a tar is {@code index.json} here.
 *
 * <p>Only the few small files an inspection needs are ever read; layers are never opened.
 */
interface ImageFiles extends Closeable {

    /**
     * The content of {@code name}, or null when there is no such file.
     *
     * @param limit the most bytes the file may have; a larger one is an error, not a partial read
     * @param what  names the file in errors, e.g. {@code "config sha256:..."}
     * @throws ArchiveException for a file over the limit, or when it cannot be read
     */
    byte[] read(String name, long limit, String what) throws ArchiveException;

    /**
     * Why a file may be missing when the container itself suggests a reason (a tar that ends long before its
     * last byte), starting with a space; otherwise "".
     */
    default String absenceHint() {
        return "";
    }

    /** A short description of the container, for errors: "folder", "tar", "gzip-compressed tar". */
    String kind();

    /** Closing never fails: the files are only read. */
    @Override
    void close();
}
