package dev.labels.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** File operations that concurrent processes can share a folder with. */
final class AtomicFiles {
    /** Cache entries are manifests and configs, bounded by the registry client's limits; this is a backstop. */
    private static final long MAX_ENTRY_BYTES = 16L * 1024 * 1024;

    private AtomicFiles() {
    }

    /**
     * Writes to a unique temporary file beside the target, readable by the owner only, then renames it over the
     * target in one step.
     */
    static void write(Path file, byte[] content) throws IOException {
        makeFolders(file.getParent());
        replace(file, content, false);
    }

    /**
     * The folders of an entry, made readable by the user only whatever the umask: the cache root is judged once
     * (CacheFolder), and a folder its group could write inside it would let the group plant entries.
     */
    private static void makeFolders(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(folder);
        }
    }

    /**
     * Fills a new temporary file and renames it over the target in one step; the temporary never stays. The
     * temporary is created and filled through one descriptor: reopening it to write (Files.write truncates)
     * makes ext4 flush it to disk on close, a synchronous write per cache entry that a batch of hundreds of
     * images would pay hundreds of times. Its name needs to be unique, not unguessable: no one else can write in
     * the cache's folders, and it is created only when absent, never through a link someone put there.
     */
    private static void replace(Path file, byte[] content, boolean secret) throws IOException {
        // 64 random bits: processes sharing the folder do not pick the same name.
        Path temp = file.resolveSibling(".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        boolean moved = false;
        try (SeekableByteChannel channel = createOwnerOnly(temp, secret)) {
            try {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.close();
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                moved = true;
            } finally {
                if (!moved) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    /**
     * A new file, open for writing, readable and writable by its owner only; where the file system has no such
     * permissions, a plain new file, but never for a secret.
     */
    private static SeekableByteChannel createOwnerOnly(Path temp, boolean secret) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return Files.newByteChannel(temp, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } catch (UnsupportedOperationException e) {
            if (secret) {
                throw e;
            }
            return Files.newByteChannel(temp, options);
        }
    }

    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /**
     * As {@link #write}, for secrets: the folder is made (or made again) readable by the owner only, and the
     * temporary file is created with mode 0600 before anything is written to it, so the secret is never
     * readable by others, not even for a moment. Throws UnsupportedOperationException where the file system
     * has no POSIX permissions.
     */
    static void writePrivate(Path file, byte[] content) throws IOException {
        Path folder = file.getParent();
        makeFolders(folder);
        Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
        replace(file, content, true);
    }

    /** The file's bytes, or null when it is absent, unreadable or unreasonably large. */
    static byte[] readOrNull(Path file) {
        try {
            if (Files.size(file) > MAX_ENTRY_BYTES) {
                return null;
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A read-only cache keeps its corrupt entry; it is verified and skipped on every read.
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                try {
                    Files.deleteIfExists(d);
                } catch (NoSuchFileException ignored) {
                    // Another process cleared it at the same time.
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
