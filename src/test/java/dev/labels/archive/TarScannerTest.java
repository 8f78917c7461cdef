package dev.labels.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The tar reader against tars written to the letter of the formats (see {@link TarWriter}). */
class TarScannerTest {
    private static final String LONG_NAME = "blobs/sha256/" + "a".repeat(64) + "/" + "deep/".repeat(30) + "config.json";

    @TempDir
    Path temp;

    private static byte[] tar(TarWriter.LongNames style, Consumer<TarWriter> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter writer = new TarWriter(out, style);
        entries.accept(writer);
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Every regular file's name and body, read through a stream. */
    private static Map<String, String> streamed(byte[] tar) throws ArchiveException {
        TarScanner scanner = new TarScanner(TarInput.of(new ByteArrayInputStream(tar)));
        Map<String, String> files = new LinkedHashMap<>();
        for (TarEntry entry = scanner.next(); entry != null; entry = scanner.next()) {
            files.put(entry.name(), new String(scanner.read((int) entry.size()), StandardCharsets.UTF_8));
        }
        return files;
    }

    private TarFiles onDisk(byte[] tar) throws IOException, ArchiveException {
        Path file = Files.write(temp.resolve("t.tar"), tar);
        return TarFiles.open(file);
    }

    @ParameterizedTest
    @EnumSource(TarWriter.LongNames.class)
    void longNamesInEveryStyleReadBack(TarWriter.LongNames style) throws Exception {
        byte[] tar = tar(style, w -> {
            w.file("index.json", utf8("{}"));
            w.file(LONG_NAME, utf8("long"));
            w.finish();
        });

        assertEquals(Map.of("index.json", "{}", TarEntry.normalize(LONG_NAME), "long"), streamed(tar));
        try (TarFiles files = onDisk(tar)) {
            assertArrayEquals(utf8("long"), files.read(LONG_NAME, 100, "x"));
        }
    }

    @Test
    void namesAreComparedNormalized() throws Exception {
        byte[] tar = tar(TarWriter.LongNames.GNU, w -> {
            w.folder("./");
            w.file("./index.json", utf8("a"));
            w.file("/blobs//sha256/./x", utf8("b"));
            w.finish();
        });

        assertEquals(List.of("index.json", "blobs/sha256/x"), new ArrayList<>(streamed(tar).keySet()));
    }

    @Test
    void foldersAndLinksArePassedOverAndALaterEntryReplacesAnEarlierOne() throws Exception {
        byte[] tar = tar(TarWriter.LongNames.GNU, w -> {
            w.folder("blobs");
            w.header("blobs/link", 999, '2'); // a symlink's size field carries no body
            w.file("index.json", utf8("old"));
            w.file("index.json", utf8("new"));
            w.finish();
        });

        try (TarFiles files = onDisk(tar)) {
            assertArrayEquals(utf8("new"), files.read("index.json", 100, "x"));
            assertNull(files.read("blobs/link", 100, "x"));
            assertNull(files.read("blobs", 100, "x"));
        }
    }

    @Test
    void paxSizeOverridesTheHeaderSize() throws Exception {
        byte[] records = TarWriter.paxRecord("size", "5");
        byte[] tar = tar(TarWriter.LongNames.PAX, w -> {
            w.header("PaxHeaders/big", records.length, 'x').raw(records).raw(new byte[TarWriter.padding(records.length)]);
            w.header("big", 0, '0').raw(utf8("12345")).raw(new byte[TarWriter.padding(5)]);
            w.finish();
        });

        assertEquals(Map.of("big", "12345"), streamed(tar));
    }

    @Test
    void aMissingEndMarkerIsAcceptedAtAnEntryBoundary() throws Exception {
        byte[] tar = tar(TarWriter.LongNames.GNU, w -> w.file("index.json", utf8("{}")));

        assertEquals(Map.of("index.json", "{}"), streamed(tar));
    }

    @Test
    void aFileCutInsideTheLastPaddingHasLostNothingButTheEndMarker() throws Exception {
        byte[] whole = tar(TarWriter.LongNames.GNU, w -> {
            w.file("index.json", utf8("{}"));
            w.finish();
        });
        byte[] cut = Arrays.copyOf(whole, 512 + 100);

        assertEquals(Map.of("index.json", "{}"), streamed(cut));
        try (TarFiles files = onDisk(cut)) {
            assertArrayEquals(utf8("{}"), files.read("index.json", 100, "x"));
        }
    }

    @Test
    void sizesOfEightGibibytesAndMoreAreBase256() throws Exception {
        long huge = 9L * 1024 * 1024 * 1024;
        Path file = temp.resolve("huge.tar");
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(TarWriter.header("blobs/sha256/layer", "", huge, '0'));
            out.seek(out.getFilePointer() + huge); // sparse: the body costs no disk
            out.write(tar(TarWriter.LongNames.GNU, w -> {
                w.file("index.json", utf8("{}"));
                w.finish();
            }));
        }

        try (TarFiles files = TarFiles.open(file)) {
            assertArrayEquals(utf8("{}"), files.read("index.json", 100, "x"));
        }
    }

    @Test
    void somethingThatIsNoTarIsSaidToBeNone() throws Exception {
        byte[] json = Arrays.copyOf(utf8("{\"not\": \"a tar\"}"), 2048);

        ArchiveException e = assertThrows(ArchiveException.class, () -> onDisk(json));

        assertEquals(ArchiveException.Kind.INVALID_FILE, e.kind());
        assertEquals("not a tar archive (no tar header at the start)", e.getMessage());
    }

    @Test
    void anEntryWhoseSizeIsTooSmallIsReportedAtTheNextHeader() {
        byte[] body = new byte[2048];
        Arrays.fill(body, (byte) 'x');
        byte[] tar = tar(TarWriter.LongNames.GNU, w -> {
            w.header("layer.tar", 1000, '0').raw(body); // 2048 bytes follow, 1000 declared
            w.file("index.json", utf8("{}"));
            w.finish();
        });

        ArchiveException e = assertThrows(ArchiveException.class, () -> onDisk(tar));

        assertEquals("damaged tar: no valid header at offset 1536 (after entry \"layer.tar\" (1000 bytes), "
                + "whose size may be wrong, or the file is damaged)", e.getMessage());
    }

    @Test
    void anEntryWhoseSizeIsTooLargeIsATruncatedTar() {
        byte[] tar = tar(TarWriter.LongNames.GNU, w -> {
            w.header("layer.tar", 1_000_000, '0').raw(new byte[1024]);
            w.finish();
        });

        ArchiveException e = assertThrows(ArchiveException.class, () -> onDisk(tar));

        assertEquals("truncated tar: entry \"layer.tar\" (1000000 bytes) starts at offset 512 but the file ends at 2560",
                e.getMessage());
    }

    @Test
    void aStreamThatEndsInsideABodyIsTruncated() {
        byte[] tar = Arrays.copyOf(tar(TarWriter.LongNames.GNU, w -> {
            w.file("layer.tar", new byte[4096]);
            w.file("index.json", utf8("{}"));
            w.finish();
        }), 2000);

        ArchiveException e = assertThrows(ArchiveException.class, () -> streamed(tar));

        assertEquals("truncated tar: the data ends inside entry \"layer.tar\" (4096 bytes)", e.getMessage());
    }

    @Test
    void aFileThatEndsInsideAHeaderIsTruncated() {
        byte[] tar = Arrays.copyOf(tar(TarWriter.LongNames.GNU, w -> w.file("index.json", utf8("{}"))), 1024 + 100);

        ArchiveException e = assertThrows(ArchiveException.class, () -> onDisk(tar));

        assertEquals("truncated tar: the data ends inside the header at offset 1024", e.getMessage());
    }

    @Test
    void anOversizedLongNameIsRefusedNotAllocated() {
        byte[] tar = tar(TarWriter.LongNames.GNU, w -> w.header("././@LongLink", 1L << 40, 'L'));

        ArchiveException e = assertThrows(ArchiveException.class, () -> streamed(tar));

        assertTrue(e.getMessage().startsWith("damaged tar: the extension header at offset 0 declares"), e.getMessage());
    }

    @Test
    void octalAndBase256NumbersParse() {
        byte[] block = new byte[512];
        byte[] octal = utf8("  0001750\0");
        System.arraycopy(octal, 0, block, 124, octal.length);
        assertEquals(01750, TarHeader.number(block, 124, 12));

        block[124] = (byte) 0x80;
        Arrays.fill(block, 125, 136, (byte) 0);
        block[131] = 1; // 2^32
        assertEquals(1L << 32, TarHeader.number(block, 124, 12));

        block[124] = (byte) 0xff; // negative base-256
        assertEquals(-1, TarHeader.number(block, 124, 12));
        block[124] = '9';
        assertEquals(-1, TarHeader.number(block, 124, 12));
    }
}
