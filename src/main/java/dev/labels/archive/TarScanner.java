package dev.labels.archive;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Walks a tar header by header and hands out its regular files; it never reads a body it is not asked for.
 * On a file, skipping a body moves a position, so a tar of 2 GB costs one 512-byte read per entry.
 *
 * <p>What it understands: POSIX ustar (name + prefix), GNU long names ({@code ././@LongLink}, typeflag 'L';
 * 'K' long link names are skipped), pax extended headers (typeflag 'x': {@code path=} and {@code size=};
 * global 'g' headers are skipped), and GNU base-256 sizes. Directories, links and devices are passed over.
 *
 * <p>Every header's checksum is checked, so an entry whose size lies (the next header would be read at the
 * wrong place) or a file that is no tar at all is reported, never misread. The end is a zero block, or the
 * end of the input at a header boundary, as GNU tar and Go's archive/tar also accept.
 *
 * @see <a href="https://www.gnu.org/software/tar/manual/html_node/Standard.html">GNU tar: Basic Tar Format</a>
 * @see <a href="https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html">POSIX pax</a>
 */
final class TarScanner {
    private final TarInput input;
    private final byte[] block = new byte[TarHeader.BLOCK];
    /** Bytes of the current entry's body not yet read, then its padding. */
    private long bodyLeft;
    private long padding;
    private TarEntry previous;
    private long endOffset = -1;
    /** Regular files handed out so far, and the characters of their names: both bounded (ArchiveLimits). */
    private int files;
    private long nameChars;

    TarScanner(TarInput input) {
        this.input = input;
    }

    /** The next regular file, or null at the end of the archive. */
    TarEntry next() throws ArchiveException {
        String longName = null;
        Map<String, String> pax = null;
        try {
            if (!skipRest()) {
                return null;
            }
            while (true) {
                long at = input.position();
                if (!input.readFully(block) || TarHeader.isZero(block)) {
                    endOffset = at;
                    return null;
                }
                TarHeader header = TarHeader.parse(block);
                if (header == null) {
                    throw ArchiveException.invalid(at == 0 ? "not a tar archive (no tar header at the start)"
                            : "damaged tar: no valid header at offset " + at + afterPrevious());
                }
                switch (header.type()) {
                    case 'L' -> longName = nulTerminated(extension(header, at));
                    case 'x' -> pax = paxRecords(extension(header, at), at);
                    case 'K', 'g' -> extension(header, at);
                    default -> {
                        TarEntry entry = entry(header, at, longName, pax);
                        longName = null;
                        pax = null;
                        if (header.isRegularFile()) {
                            previous = entry;
                            return counted(entry);
                        }
                        if (!skipRest()) {
                            return null;
                        }
                    }
                }
            }
        } catch (EOFException e) {
            throw truncated(e);
        } catch (IOException e) {
            throw IoErrors.reading("the tar", e);
        }
    }

    /** The entry, once it is within the bounds on files and names that keep a hostile tar from filling memory. */
    private TarEntry counted(TarEntry entry) throws ArchiveException {
        if (++files > ArchiveLimits.TAR_FILES) {
            throw ArchiveException.invalid("the tar holds more than " + ArchiveLimits.TAR_FILES
                    + " files, far more than any image archive");
        }
        nameChars += entry.name().length();
        if (nameChars > ArchiveLimits.TAR_NAME_CHARS) {
            throw ArchiveException.invalid("the tar's file names add up to more than "
                    + ArchiveLimits.describe(ArchiveLimits.TAR_NAME_CHARS) + ", far more than any image archive's");
        }
        return entry;
    }

    /**
     * Skips what is left of the current entry's body, then its padding. A file that ends inside the padding of
     * its last entry has lost nothing but the end marker: that is taken as the end (false), as with a file that
     * ends at a header boundary. Ending inside a body is an error.
     */
    private boolean skipRest() throws IOException {
        input.skip(bodyLeft);
        bodyLeft = 0;
        try {
            input.skip(padding);
        } catch (EOFException e) {
            endOffset = input.position();
            return false;
        } finally {
            padding = 0;
        }
        return true;
    }

    /**
     * Reads {@code length} more bytes of the current entry's body (never past its end). Reading is optional:
     * {@link #next()} skips whatever is left.
     */
    byte[] read(int length) throws ArchiveException {
        if (length > bodyLeft) {
            throw new IllegalArgumentException("asked for " + length + " bytes, " + bodyLeft + " left in the entry");
        }
        byte[] bytes = new byte[length];
        try {
            input.readFully(bytes);
            bodyLeft -= length;
            return bytes;
        } catch (EOFException e) {
            throw truncated(e);
        } catch (IOException e) {
            throw IoErrors.reading("the tar", e);
        }
    }

    /** Where the end-of-archive marker (or the end of input) was found, or -1 before the end. */
    long endOffset() {
        return endOffset;
    }

    private TarEntry entry(TarHeader header, long headerAt, String longName, Map<String, String> pax)
            throws ArchiveException, EOFException {
        String name = pax != null && pax.containsKey("path") ? pax.get("path") : longName != null ? longName : header.name();
        long size = header.size();
        long paxSize = pax == null ? -1 : PaxRecords.size(pax);
        if (paxSize == -2) {
            throw ArchiveException.invalid("damaged tar: the pax header before offset " + headerAt + " has a bad size");
        }
        if (paxSize >= 0 && header.hasBody()) {
            size = paxSize;
        }
        long offset = input.position();
        TarEntry entry = new TarEntry(TarEntry.normalize(name), offset, size);
        bodyLeft = size;
        padding = TarHeader.padding(size);
        if (input.size() >= 0 && offset + size > input.size()) {
            throw ArchiveException.invalid("truncated tar: " + describe(entry) + " starts at offset " + offset
                    + " but the file ends at " + input.size());
        }
        return entry;
    }

    /** The body of an 'L', 'K', 'x' or 'g' entry, bounded: their size field could lie like any other. */
    private byte[] extension(TarHeader header, long at) throws ArchiveException, IOException {
        if (header.size() > ArchiveLimits.TAR_EXTENSION_BYTES) {
            throw ArchiveException.invalid("damaged tar: the extension header at offset " + at + " declares "
                    + header.size() + " bytes (at most " + ArchiveLimits.describe(ArchiveLimits.TAR_EXTENSION_BYTES)
                    + " expected)");
        }
        byte[] body = new byte[(int) header.size()];
        input.readFully(body);
        input.skip(TarHeader.padding(header.size()));
        return body;
    }

    private static Map<String, String> paxRecords(byte[] body, long at) throws ArchiveException {
        Map<String, String> records = PaxRecords.parse(body);
        if (records == null) {
            throw ArchiveException.invalid("damaged tar: malformed pax header at offset " + at);
        }
        return records;
    }

    private static String nulTerminated(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private ArchiveException truncated(EOFException cause) {
        String where = previous != null && bodyLeft > 0 ? "inside " + describe(previous)
                : "inside the header at offset " + input.position();
        return ArchiveException.invalid("truncated tar: the data ends " + where, cause);
    }

    private String afterPrevious() {
        return previous == null ? "" : " (after " + describe(previous) + ", whose size may be wrong, or the file is damaged)";
    }

    private static String describe(TarEntry entry) {
        return "entry \"" + entry.name() + "\" (" + entry.size() + " bytes)";
    }
}
