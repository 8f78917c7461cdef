package dev.labels.archive;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The files of an uncompressed tar, read in place. Opening walks the headers once and notes where each file's
 * bytes are (jumping over bodies: a 2 GB layer is one position change); a read is then one positional read of
 * exactly that file. Nothing else of the archive is ever read.
 */
final class TarFiles implements ImageFiles {
    /**
     * More than this after the end-of-archive marker is suspicious: writers pad to a record (10 KiB by default),
     * not to megabytes. It usually means an entry's size was wrong and a zero block inside a body was taken for
     * the end.
     */
    private static final long SUSPICIOUS_TRAILER_BYTES = 1024L * 1024;

    private final FileChannel channel;
    private final Map<String, TarEntry> entries;
    private final long endOffset;
    private final long fileSize;

    private TarFiles(FileChannel channel, Map<String, TarEntry> entries, long endOffset, long fileSize) {
        this.channel = channel;
        this.entries = entries;
        this.endOffset = endOffset;
        this.fileSize = fileSize;
    }

    static TarFiles open(Path file) throws ArchiveException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            TarScanner scanner = new TarScanner(TarInput.of(channel));
            Map<String, TarEntry> entries = new HashMap<>();
            // A later entry of the same name replaces an earlier one, as extracting the tar would.
            for (TarEntry entry = scanner.next(); entry != null; entry = scanner.next()) {
                entries.put(entry.name(), entry);
            }
            return new TarFiles(channel, entries, scanner.endOffset(), channel.size());
        } catch (IOException e) {
            closeQuietly(channel);
            throw IoErrors.reading(file.toString(), e);
        } catch (ArchiveException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public byte[] read(String name, long limit, String what) throws ArchiveException {
        TarEntry entry = entries.get(name);
        if (entry == null) {
            return null;
        }
        if (entry.size() > limit) {
            throw ArchiveException.invalid(what + " (" + name + ") is " + entry.size() + " bytes, over the limit of "
                    + ArchiveLimits.describe(limit));
        }
        ByteBuffer content = ByteBuffer.allocate((int) entry.size());
        try {
            while (content.hasRemaining()) {
                if (channel.read(content, entry.offset() + content.position()) < 0) {
                    throw new EOFException();
                }
            }
        } catch (IOException e) {
            throw IoErrors.reading(what + " (" + name + ")", e);
        }
        return content.array();
    }

    @Override
    public String absenceHint() {
        if (endOffset >= 0 && fileSize - endOffset > SUSPICIOUS_TRAILER_BYTES) {
            return " (the tar's end marker is at offset " + endOffset + " of a " + fileSize
                    + "-byte file: an entry's size may be wrong, or the file is damaged)";
        }
        return "";
    }

    @Override
    public String kind() {
        return "tar";
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Only read from: nothing is lost.
            }
        }
    }
}
