// Over 250 lines: the one class that knows the on-disk layout (blobs, tags, notes, key), verified on every read.
package dev.labels.cache;

import dev.labels.image.DigestMismatchException;
import dev.labels.image.Digests;
import dev.labels.image.MalformedImageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The cache on disk ({@code $XDG_CACHE_HOME/labels}, default {@code ~/.cache/labels}).
 *
 * <pre>
 * ROOT/v1/blobs/ALG/HEX          a config as the registry sent it, or a manifest's content (the bytes its
 *                                 digest covers: as sent, but a signed schema 1 manifest's payload)
 * ROOT/v1/blobs/ALG/HEX.type      a manifest's media type, where its content, read without it, would be read
 *                                 as another type
 * ROOT/v1/tags/HEX                the digest "registry/repository:tag" last resolved to (HEX = sha256 of that name)
 * ROOT/v1/notes/KIND/HEX          a {@link Notes} entry (HEX = sha256 of its key); tokens only in a private folder
 * ROOT/v1/notes/key               the random key of {@link #keyedHash} (mode 0600)
 * </pre>
 *
 * Every read is verified against the digest: a truncated or tampered entry is deleted and reported absent,
 * so it is fetched again. Every write goes to a temporary file that is then renamed into place, so parallel
 * runs sharing the folder (Jenkins executors) never see half a file. If the folder cannot be written (read
 * only, disk full), a warning is given once and the run carries on without writing.
 *
 * <p>The folder is judged on first use ({@link CacheFolder}): one that another user owns or that group or
 * others can write to is warned about once and neither read nor written, since what it holds steers the run.
 */
public final class DiskCache implements ImageCache, Notes {
    static final String LAYOUT = "v1";

    private final Path root;
    private final Path blobs;
    private final Path tags;
    private final Path notes;
    private final Consumer<String> warn;
    private volatile boolean writable = true;
    /** Whether the folder may be used: null until first use, when {@link #usable()} judges it. */
    private volatile Boolean usable;
    /** The key of {@link #keyedHash}: read, or made, on first use. */
    private volatile byte[] key;

    public DiskCache(Path root, Consumer<String> warn) {
        this.root = root;
        this.blobs = root.resolve(LAYOUT).resolve("blobs");
        this.tags = root.resolve(LAYOUT).resolve("tags");
        this.notes = root.resolve(LAYOUT).resolve("notes");
        this.warn = warn;
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<CachedContent> get(String digest) {
        Path file = blobPath(digest);
        if (file == null || !usable()) {
            return Optional.empty();
        }
        byte[] content = AtomicFiles.readOrNull(file);
        if (content == null) {
            return Optional.empty();
        }
        try {
            Digests.verify(content, digest, "cache entry");
        } catch (DigestMismatchException | MalformedImageException e) {
            AtomicFiles.deleteQuietly(file);
            AtomicFiles.deleteQuietly(typePath(file));
            return Optional.empty();
        }
        byte[] type = AtomicFiles.readOrNull(typePath(file));
        return Optional.of(new CachedContent(content, type == null ? null : new String(type, StandardCharsets.UTF_8)));
    }

    @Override
    public void put(String digest, byte[] content, String mediaType) {
        Path file = blobPath(digest);
        if (file == null || !writable || !usable()) {
            return;
        }
        // The type goes first: a reader that finds the content finds its type too. Content stored without one
        // says its type itself, so a type left from an earlier store of it (another registry's) must not stay.
        if (mediaType != null) {
            write(typePath(file), mediaType.getBytes(StandardCharsets.UTF_8));
        } else {
            AtomicFiles.deleteQuietly(typePath(file));
        }
        write(file, content);
    }

    @Override
    public Optional<String> tagDigest(String image) {
        if (!usable()) {
            return Optional.empty();
        }
        byte[] digest = AtomicFiles.readOrNull(tags.resolve(nameHash(image)));
        if (digest == null) {
            return Optional.empty();
        }
        String text = new String(digest, StandardCharsets.UTF_8).strip();
        return Digests.isSupported(text) ? Optional.of(text) : Optional.empty();
    }

    @Override
    public void putTagDigest(String image, String digest) {
        if (writable && usable() && Digests.isSupported(digest)) {
            write(tags.resolve(nameHash(image)), digest.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public Optional<String> get(String kind, String key) {
        if (!usable()) {
            return Optional.empty();
        }
        byte[] value = AtomicFiles.readOrNull(notes.resolve(kind).resolve(nameHash(key)));
        return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    @Override
    public void put(String kind, String key, String value, boolean secret) {
        if (!writable || !usable()) {
            return;
        }
        Path file = notes.resolve(kind).resolve(nameHash(key));
        byte[] content = value.getBytes(StandardCharsets.UTF_8);
        if (!secret) {
            write(file, content);
            return;
        }
        try {
            AtomicFiles.writePrivate(file, content);
        } catch (IOException | UnsupportedOperationException e) {
            // No private file to be had (a file system without POSIX permissions): the secret is not kept.
            AtomicFiles.deleteQuietly(file);
        }
    }

    @Override
    public void remove(String kind, String key) {
        if (!usable()) {
            return;
        }
        AtomicFiles.deleteQuietly(notes.resolve(kind).resolve(nameHash(key)));
    }

    @Override
    public String keyedHash(String secret) {
        return KeyedHash.of(key(), secret);
    }

    /**
     * The folder's key, made on first use. Two runs that make one at the same moment may each write theirs: the
     * notes keyed by the one that lost are not found again, which costs a token request, nothing more. Where no
     * private file can be had, the key is this process's own and nothing keyed by it outlives the run.
     */
    private byte[] key() {
        byte[] known = key;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (key == null) {
                key = readOrMakeKey();
            }
            return key;
        }
    }

    private byte[] readOrMakeKey() {
        if (!usable()) {
            return KeyedHash.processKey();
        }
        Path file = notes.resolve("key");
        byte[] stored = AtomicFiles.readOrNull(file);
        if (stored != null && stored.length == KeyedHash.KEY_BYTES) {
            return stored;
        }
        byte[] made = KeyedHash.newKey();
        try {
            AtomicFiles.writePrivate(file, made);
            return made;
        } catch (IOException | UnsupportedOperationException e) {
            return KeyedHash.processKey();
        }
    }

    /** How many entries and bytes the cache holds. */
    public Usage usage() throws IOException {
        return Usage.of(root.resolve(LAYOUT));
    }

    /** Deletes every entry. Returns what was removed: nothing from a folder that is not {@link #usable()}. */
    public Usage clear() throws IOException {
        if (!Files.exists(root) || !usable()) {
            return new Usage(0, 0);
        }
        Usage before = usage();
        AtomicFiles.deleteTree(root.resolve(LAYOUT));
        return before;
    }

    /**
     * Whether the folder may be read and written, judged once, on first use: a run that reads only image files
     * never makes the folder. The warning for a folder that may not be used is given here, once.
     */
    private boolean usable() {
        Boolean known = usable;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (usable == null) {
                usable = judge();
            }
            return usable;
        }
    }

    private boolean judge() {
        try {
            Optional<String> refusal = CacheFolder.refusal(root);
            refusal.ifPresent(why -> warn.accept("not using the cache at " + root + ": " + why
                    + "; carrying on without caching"));
            return refusal.isEmpty();
        } catch (IOException e) {
            writable = false;
            warn.accept("cannot write to the cache at " + root + " (" + describe(e) + "); carrying on without caching");
            return false;
        }
    }

    private void write(Path file, byte[] content) {
        try {
            AtomicFiles.write(file, content);
        } catch (IOException e) {
            if (writable) {
                writable = false;
                warn.accept("cannot write to the cache at " + root + " (" + describe(e)
                        + "); carrying on without caching");
            }
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof java.nio.file.NotDirectoryException || e instanceof java.nio.file.FileAlreadyExistsException) {
            return "not a folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** blobs/ALGORITHM/HEX, or null for a digest that is not of the grammar, so never becomes a file name. */
    private Path blobPath(String digest) {
        if (!Digests.isSupported(digest)) {
            return null;
        }
        int colon = digest.indexOf(':');
        return blobs.resolve(digest.substring(0, colon)).resolve(digest.substring(colon + 1));
    }

    private static Path typePath(Path blob) {
        return blob.resolveSibling(blob.getFileName() + ".type");
    }

    private static String nameHash(String image) {
        String digest = Digests.sha256(image.getBytes(StandardCharsets.UTF_8));
        return digest.substring(digest.indexOf(':') + 1);
    }
}
