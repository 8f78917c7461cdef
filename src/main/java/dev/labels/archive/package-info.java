/**
 * Images that are not in a registry: OCI image layouts (folders and tars) and {@code docker save} archives,
 * read without extracting anything.
 *
 * <p>{@link dev.labels.archive.ArchiveImages} is the entry point: it parses a reference
 * ({@link dev.labels.archive.ArchiveReference}), opens the folder or tar as
 * {@link dev.labels.archive.ImageFiles}, and reads the image with the same {@link dev.labels.image.ImageWalk} as a
 * registry image (index, platform, manifest, config; every blob checked against its digest), over the file as a
 * {@link dev.labels.image.ContentStore}: {@link dev.labels.archive.LayoutStore} or
 * {@link dev.labels.archive.DockerArchive}.
 *
 * <p>Tars are read by their headers alone ({@link dev.labels.archive.TarScanner}): an uncompressed tar is
 * indexed with one 512-byte read per entry, jumping over bodies, and then only the few files needed are read
 * by offset; a gzip-compressed tar is streamed once, keeping only small JSON-looking entries. Layers are never
 * decompressed.
 *
 * <p>Depends on the JDK, Jackson and the image, reference and error packages only.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md">OCI image-layout.md</a>
 * @see <a href="https://github.com/moby/moby/blob/master/image/spec/v1.2.md">Docker image spec v1.2 (docker save)</a>
 */
package dev.labels.archive;
