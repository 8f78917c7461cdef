package dev.labels.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The files of a gzip-compressed tar. A gzip stream cannot be entered in the middle, so it is read once, front
 * to back, and which blobs are needed is only known once index.json or manifest.json is read, which may come
 * after the blobs. So, as the stream passes, small entries that look like JSON (a manifest, an index or a
 * config might be needed) are kept in memory, within a total budget; everything else (layers) is read past
 * and dropped. Should a needed entry have been dropped for want of budget, one more pass fetches just that.
 *
 * <p>The layers inside are never decompressed: they are skipped as opaque bytes of the outer stream.
 */
final class GzipTarFiles implements ImageFiles {
    private static final int BUFFER_BYTES = 64 * 1024;
    /** How much of an entry is looked at to decide whether it looks like JSON. */
    private static final int PEEK_BYTES = 512;
    /** The entries that say what else is needed: kept whatever the budget, when under the entry size limit. */
    private static final Set<String> METADATA = Set.of("index.json", "manifest.json", "oci-layout");

    private final Path file;
    private final long keptEntryBytes;
    private final long keptTotalBytes;
    private final Map<String, Long> sizes = new HashMap<>();
    private final Map<String, byte[]> kept = new HashMap<>();
    private int passes;

    private GzipTarFiles(Path file, long keptEntryBytes, long keptTotalBytes) {
        this.file = file;
        this.keptEntryBytes = keptEntryBytes;
        this.keptTotalBytes = keptTotalBytes;
    }

    static GzipTarFiles open(Path file) throws ArchiveException {
        return open(file, ArchiveLimits.GZIP_KEPT_ENTRY_BYTES, ArchiveLimits.GZIP_KEPT_TOTAL_BYTES);
    }

    /** With the memory budget given, so tests can make it run out. */
    static GzipTarFiles open(Path file, long keptEntryBytes, long keptTotalBytes) throws ArchiveException {
        GzipTarFiles files = new GzipTarFiles(file, keptEntryBytes, keptTotalBytes);
        files.firstPass();
        return files;
    }

    @Override
    public byte[] read(String name, long limit, String what) throws ArchiveException {
        Long size = sizes.get(name);
        if (size == null) {
            return null;
        }
        if (size > limit) {
            throw ArchiveException.invalid(what + " (" + name + ") is " + size + " bytes, over the limit of "
                    + ArchiveLimits.describe(limit));
        }
        byte[] content = kept.get(name);
        if (content == null) {
            content = fetch(name);
            kept.put(name, content);
        }
        return content;
    }

    /** How many times the stream was read: 1 unless an entry had to be fetched again. */
    int passes() {
        return passes;
    }

    private void firstPass() throws ArchiveException {
        long[] keptTotal = {0};
        scan((scanner, entry) -> {
            sizes.put(entry.name(), entry.size());
            byte[] earlier = kept.remove(entry.name());
            if (earlier != null) {
                keptTotal[0] -= earlier.length;
            }
            boolean metadata = METADATA.contains(entry.name());
            if (entry.size() > keptEntryBytes || !metadata && keptTotal[0] + entry.size() > keptTotalBytes) {
                return;
            }
            byte[] head = scanner.read((int) Math.min(entry.size(), PEEK_BYTES));
            if (metadata || looksLikeJson(head)) {
                byte[] content = concat(head, scanner.read((int) (entry.size() - head.length)));
                kept.put(entry.name(), content);
                keptTotal[0] += content.length;
            }
        });
    }

    /** A second pass for one entry that the first could not keep; the last entry of that name counts. */
    private byte[] fetch(String name) throws ArchiveException {
        byte[][] found = {null};
        long size = sizes.get(name);
        scan((scanner, entry) -> {
            if (entry.name().equals(name)) {
                if (entry.size() != size) {
                    throw ArchiveException.invalid(name + " changed size between two reads of the archive ("
                            + size + " then " + entry.size() + " bytes): the file changed while being read");
                }
                found[0] = scanner.read((int) size);
            }
        });
        if (found[0] == null) {
            throw ArchiveException.invalid(name + " was in the archive on the first read but not on the second: "
                    + "the file changed while being read");
        }
        return found[0];
    }

    @FunctionalInterface
    private interface EntryVisitor {
        void visit(TarScanner scanner, TarEntry entry) throws ArchiveException;
    }

    private void scan(EntryVisitor visitor) throws ArchiveException {
        passes++;
        try (InputStream in = new GZIPInputStream(
                new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES), BUFFER_BYTES)) {
            TarScanner scanner = new TarScanner(TarInput.of(in));
            for (TarEntry entry = scanner.next(); entry != null; entry = scanner.next()) {
                visitor.visit(scanner, entry);
            }
        } catch (IOException e) {
            throw IoErrors.reading(file + " (gzip)", e);
        }
    }

    /** JSON documents start with '{' or '[' after optional whitespace; tar and gzip layers never do. */
    private static boolean looksLikeJson(byte[] head) {
        for (byte b : head) {
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return head.length == 0;
    }

    private static byte[] concat(byte[] head, byte[] rest) {
        byte[] all = new byte[head.length + rest.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    @Override
    public String kind() {
        return "gzip-compressed tar";
    }

    @Override
    public void close() {
        kept.clear();
    }
}
