package dev.labels.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes tar archives for tests, byte for byte as the format says, so that the reader is tested against the
 * format and not against itself: POSIX ustar headers (with the {@code prefix} field for names up to 255
 * bytes), GNU long names ({@code ././@LongLink}, type 'L'), pax extended headers (type 'x'), GNU base-256
 * sizes, and raw headers whose size may lie. Deterministic: fixed mtime, owner 0.
 *
 * <p>https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html, https://www.gnu.org/software/tar/manual/html_node/Standard.html
 */
public final class TarWriter {
    public static final int BLOCK = 512;
    /** 2024-05-01T12:00:00Z, as FixtureContent.CREATED. */
    private static final long MTIME = 1714564800L;

    /** How a name longer than the 100-byte field is written. */
    public enum LongNames {
        /** The ustar prefix field when the name splits at a '/' into at most 155 + 100 bytes, else a GNU 'L' entry. */
        USTAR_THEN_GNU,
        /** Always a GNU 'L' entry. */
        GNU,
        /** Always a pax 'x' header with path=. */
        PAX
    }

    private final OutputStream out;
    private final LongNames longNames;

    public TarWriter(OutputStream out, LongNames longNames) {
        this.out = out;
        this.longNames = longNames;
    }

    public TarWriter(OutputStream out) {
        this(out, LongNames.USTAR_THEN_GNU);
    }

    /** A regular file. */
    public TarWriter file(String name, byte[] content) {
        entry(name, content.length, '0');
        write(content);
        write(new byte[padding(content.length)]);
        return this;
    }

    /** A folder entry (type '5', no body). */
    public TarWriter folder(String name) {
        entry(name.endsWith("/") ? name : name + "/", 0, '5');
        return this;
    }

    /** A symbolic link entry (type '2', no body) pointing at {@code target}. */
    public TarWriter symlink(String name, String target) {
        byte[] header = header(name, "", 0, '2');
        put(header, 157, target, 100);
        put(header, 148, "        ", 8);
        int checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        put(header, 148, String.format("%06o\0 ", checksum), 8);
        write(header);
        return this;
    }

    /** A header alone, claiming {@code size} bytes of body that the caller writes (or does not). */
    public TarWriter header(String name, long size, char type) {
        entry(name, size, type);
        return this;
    }

    /** Raw bytes, e.g. a body after {@link #header}. */
    public TarWriter raw(byte[] bytes) {
        write(bytes);
        return this;
    }

    /** The end-of-archive marker: two zero blocks. */
    public void finish() {
        write(new byte[2 * BLOCK]);
    }

    public static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    private void entry(String name, long size, char type) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length <= 100) {
            write(header(name, "", size, type));
            return;
        }
        if (longNames == LongNames.PAX) {
            byte[] records = paxRecord("path", name);
            write(header("PaxHeaders/" + tail(name, 88), "", records.length, 'x'));
            write(records);
            write(new byte[padding(records.length)]);
            write(header(tail(name, 99), "", size, type));
            return;
        }
        int slash = name.lastIndexOf('/', Math.min(name.length() - 1, 155));
        if (longNames == LongNames.USTAR_THEN_GNU && slash > 0 && slash <= 155
                && name.substring(slash + 1).getBytes(StandardCharsets.UTF_8).length <= 100) {
            write(header(name.substring(slash + 1), name.substring(0, slash), size, type));
            return;
        }
        byte[] longName = (name + "\0").getBytes(StandardCharsets.UTF_8);
        write(header("././@LongLink", "", longName.length, 'L'));
        write(longName);
        write(new byte[padding(longName.length)]);
        write(header(tail(name, 99), "", size, type));
    }

    /** What goes in the 100-byte field when the real name is elsewhere: its last {@code max} characters. */
    private static String tail(String name, int max) {
        return name.length() <= max ? name : name.substring(name.length() - max);
    }

    /** "LENGTH key=value\n", LENGTH counting itself. */
    public static byte[] paxRecord(String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = body + String.valueOf(body).length();
        if (String.valueOf(length).length() != String.valueOf(body).length()) {
            length++;
        }
        return (length + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** One ustar header block; sizes of 8 GiB and more in GNU base-256. */
    public static byte[] header(String name, String prefix, long size, char type) {
        byte[] header = new byte[BLOCK];
        put(header, 0, name, 100);
        put(header, 100, "0000644\0", 8);
        put(header, 108, "0000000\0", 8);
        put(header, 116, "0000000\0", 8);
        if (size < 077777777777L) {
            put(header, 124, String.format("%011o\0", size), 12);
        } else {
            header[124] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                header[135 - i] = (byte) (size >>> (8 * i));
            }
        }
        put(header, 136, String.format("%011o\0", MTIME), 12);
        put(header, 148, "        ", 8);
        header[156] = (byte) type;
        put(header, 257, "ustar\0", 6);
        put(header, 263, "00", 2);
        put(header, 345, prefix, 155);
        int checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        put(header, 148, String.format("%06o\0 ", checksum), 8);
        return header;
    }

    private static void put(byte[] target, int offset, String text, int field) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > field) {
            throw new IllegalArgumentException("\"" + text + "\" does not fit in " + field + " bytes");
        }
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
