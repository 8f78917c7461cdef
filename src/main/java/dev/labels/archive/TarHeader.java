package dev.labels.archive;

import java.nio.charset.StandardCharsets;

/**
 * One 512-byte tar header block, decoded: the POSIX ustar layout, with GNU's base-256 sizes and the ustar
 * {@code prefix} field. Long names and pax records come in entries of their own; {@link TarScanner} applies them.
 *
 * <pre>
 * offset size field             offset size field
 *      0  100 name                 257    6 magic ("ustar\0" POSIX, "ustar " GNU)
 *    124   12 size (octal)         263    2 version
 *    148    8 chksum               345  155 prefix (POSIX only; GNU keeps other data there)
 *    156    1 typeflag             157  100 linkname
 * </pre>
 *
 * @param name the entry's name as stored (prefix joined), not yet normalized
 * @param size the body size the header declares
 * @param type the typeflag, with the old NUL meaning a regular file given as '0'
 * @see <a href="https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06">POSIX ustar Interchange Format</a>
 * @see <a href="https://www.gnu.org/software/tar/manual/html_node/Standard.html">GNU tar: Basic Tar Format</a>
 */
record TarHeader(String name, long size, char type) {
    static final int BLOCK = 512;

    /** Types whose size field says nothing about a body: they never have one (as Go's archive/tar reads them). */
    private static final String HEADER_ONLY_TYPES = "123456";

    /** True for a block of zeros: the end-of-archive marker (POSIX writes two; one is taken as the end). */
    static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The decoded header, or null when the block is not a tar header (its checksum does not add up). */
    static TarHeader parse(byte[] block) {
        long stored = number(block, 148, 8);
        if (stored < 0 || !checksumMatches(block, stored)) {
            return null;
        }
        long size = number(block, 124, 12);
        if (size < 0) {
            return null;
        }
        String name = text(block, 0, 100);
        boolean posix = block[257] == 'u' && text(block, 257, 6).equals("ustar") && block[262] == 0;
        String prefix = posix ? text(block, 345, 155) : "";
        if (!prefix.isEmpty()) {
            name = prefix + "/" + name;
        }
        char type = block[156] == 0 ? '0' : (char) (block[156] & 0xff);
        return new TarHeader(name, HEADER_ONLY_TYPES.indexOf(type) >= 0 ? 0 : size, type);
    }

    /** False for links, devices, folders and fifos: whatever their size field says, no body follows. */
    boolean hasBody() {
        return HEADER_ONLY_TYPES.indexOf(type) < 0;
    }

    /** A regular file ('0', or '7', contiguous, which readers treat as regular). */
    boolean isRegularFile() {
        return type == '0' || type == '7';
    }

    /** Bytes of padding after a body of {@code size} bytes, up to the next 512-byte boundary. */
    static long padding(long size) {
        long rest = size % BLOCK;
        return rest == 0 ? 0 : BLOCK - rest;
    }

    /**
     * The checksum is the sum of the header's bytes with the checksum field read as eight spaces. POSIX sums
     * unsigned bytes; some old tars summed signed ones, so both are accepted, as GNU tar does.
     */
    private static boolean checksumMatches(byte[] block, long stored) {
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : block[i];
            unsigned += b & 0xff;
            signed += b;
        }
        return stored == unsigned || stored == signed;
    }

    /**
     * A numeric field: octal ASCII, padded with leading spaces or zeros and ended by a space or NUL; or, when
     * the first byte has its high bit set, GNU base-256 (big-endian binary), which sizes of 8 GiB and more need.
     * Returns -1 for a field that is neither, or a negative base-256 number.
     */
    static long number(byte[] block, int offset, int length) {
        if ((block[offset] & 0x80) != 0) {
            if ((block[offset] & 0x40) != 0) {
                return -1;
            }
            long value = block[offset] & 0x3f;
            for (int i = offset + 1; i < offset + length; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    return -1;
                }
                value = (value << 8) | (block[i] & 0xff);
            }
            return value;
        }
        int i = offset;
        int end = offset + length;
        while (i < end && block[i] == ' ') {
            i++;
        }
        long value = 0;
        for (; i < end && block[i] != 0 && block[i] != ' '; i++) {
            int digit = block[i] - '0';
            if (digit < 0 || digit > 7 || value > (Long.MAX_VALUE >> 3)) {
                return -1;
            }
            value = (value << 3) | digit;
        }
        return value;
    }

    /** A NUL-terminated (or field-filling) string. Names are read as UTF-8, as pax and modern tars write them. */
    private static String text(byte[] block, int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.UTF_8);
    }
}
