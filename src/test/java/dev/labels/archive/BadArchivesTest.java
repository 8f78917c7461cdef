package dev.labels.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.labels.testing.DockerSaveBuilder;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.OciLayoutBuilder;
import dev.labels.testing.TarWriter;
import dev.labels.testing.TestArchives;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input: every failure is one ArchiveException whose kind says "not found" or "not a readable image", and
 * whose message names the reference and what is wrong.
 */
class BadArchivesTest {
    private static final Map<String, String> LABELS = Map.of("a", "1");

    @TempDir
    Path temp;

    private final ArchiveImages archives = new ArchiveImages(OciLayoutImagesTest.AMD64);

    private ArchiveException failure(String reference) {
        return assertThrows(ArchiveException.class, () -> archives.resolve(reference, null));
    }

    private static void assertFailure(ArchiveException.Kind kind, String reference, String detail, ArchiveException e) {
        assertEquals(kind, e.kind(), e::getMessage);
        assertEquals("reading " + reference + ": " + detail, e.getMessage());
    }

    @Test
    void aMissingPathIsNotFound() {
        String reference = "oci-archive:" + temp.resolve("missing.tar");

        assertFailure(ArchiveException.Kind.NOT_FOUND, reference, temp.resolve("missing.tar") + " does not exist",
                failure(reference));
    }

    @Test
    void aFolderThatIsNoLayout() throws Exception {
        Files.writeString(temp.resolve("README"), "not an image");
        String reference = "oci:" + temp;

        assertFailure(ArchiveException.Kind.INVALID_FILE, reference,
                "not an OCI image layout: this folder has no index.json and no oci-layout file", failure(reference));
    }

    @Test
    void theWrongKindOfPathForTheTransport() throws Exception {
        Path file = Files.writeString(temp.resolve("x.tar"), "x");

        assertFailure(ArchiveException.Kind.INVALID_FILE, "oci:" + file, file + " is a file, not an OCI layout folder; "
                + "a layout in a tar is read with oci-archive:" + file, failure("oci:" + file));
        assertFailure(ArchiveException.Kind.INVALID_FILE, "oci-archive:" + temp, temp + " is a folder, not an archive; "
                + "an OCI layout folder is read with oci:" + temp, failure("oci-archive:" + temp));
    }

    @Test
    void aTarWithoutIndexJsonOrManifestJson() {
        Path file = TestArchives.tar(temp.resolve("other.tar"), Map.of("hello.txt", "hi".getBytes(StandardCharsets.UTF_8)));

        assertFailure(ArchiveException.Kind.INVALID_FILE, "oci-archive:" + file,
                "not an OCI image layout: this tar has no index.json and no oci-layout file", failure("oci-archive:" + file));
        assertFailure(ArchiveException.Kind.INVALID_FILE, "docker-archive:" + file,
                "not a docker save archive: no manifest.json in this tar", failure("docker-archive:" + file));
    }

    @Test
    void anOciArchiveReadAsADockerArchiveSaysWhatItIs() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        Path file = TestArchives.tar(temp.resolve("oci.tar"), layout.files());

        assertFailure(ArchiveException.Kind.INVALID_FILE, "docker-archive:" + file, "not a docker save archive: no "
                + "manifest.json in this tar; it has index.json, so it may be an OCI layout: read it with oci-archive:"
                + file, failure("docker-archive:" + file));
    }

    @Test
    void aBlobMissingFromTheLayoutIsADamagedLayout() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        OciLayoutBuilder.Image image = layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        layout.remove(image.configDigest());
        String reference = "oci:" + TestArchives.folder(temp.resolve("layout"), layout.files());

        assertFailure(ArchiveException.Kind.INVALID_FILE, reference, "config " + image.configDigest()
                + " is not in the layout (no " + OciLayoutBuilder.path(image.configDigest()) + ")", failure(reference));
    }

    @Test
    void aBlobThatDoesNotMatchItsDigestIsRefused() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        OciLayoutBuilder.Image image = layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        byte[] forged = "{\"config\":{\"Labels\":{\"a\":\"forged\"}}}".getBytes(StandardCharsets.UTF_8);
        layout.corrupt(image.configDigest(), forged);
        String reference = "oci-archive:" + TestArchives.tarGz(temp.resolve("layout.tgz"), layout.files());

        assertFailure(ArchiveException.Kind.INVALID_FILE, reference, "digest mismatch for config " + image.configDigest()
                + ": expected " + image.configDigest() + ", got " + dev.labels.image.Digests.sha256(forged),
                failure(reference));
    }

    /**
     * A Docker 25+ archive is also an OCI layout, where {@code blobs/sha256/HEX} is a promise: read as a layout,
     * a config that is not what its name says is refused (read as a docker-archive it is read: DockerArchiveTest).
     */
    @Test
    void aDocker25ConfigThatIsNotWhatItsBlobNameSaysIsRefusedWhenReadAsALayout() {
        DockerSaveBuilder saved = new DockerSaveBuilder(DockerSaveBuilder.Style.DOCKER_25);
        DockerSaveBuilder.Saved image = saved.image(List.of("app:1"), FixturePlatform.LINUX_AMD64, LABELS);
        Map<String, byte[]> files = new LinkedHashMap<>(saved.files());
        byte[] forged = "{\"config\":{\"Labels\":{\"a\":\"forged\"}}}".getBytes(StandardCharsets.UTF_8);
        files.put(OciLayoutBuilder.path(image.configDigest()), forged);
        String reference = "oci-archive:" + TestArchives.tar(temp.resolve("saved.tar"), files) + ":1";

        assertFailure(ArchiveException.Kind.INVALID_FILE, reference, "digest mismatch for config " + image.configDigest()
                + ": expected " + image.configDigest() + ", got " + dev.labels.image.Digests.sha256(forged),
                failure(reference));
    }

    @Test
    void aTruncatedTarIsSaidToBe() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        Path file = TestArchives.tar(temp.resolve("layout.tar"), layout.files());
        try (RandomAccessFile cut = new RandomAccessFile(file.toFile(), "rw")) {
            cut.setLength(cut.length() - 1536 + 10); // into the last entry's body
        }

        ArchiveException e = failure("oci-archive:" + file);

        assertEquals(ArchiveException.Kind.INVALID_FILE, e.kind());
        assertEquals(true, e.getMessage().contains(": truncated tar: entry \"oci-layout\""), e.getMessage());
    }

    @Test
    void aTruncatedGzipIsSaidToBe() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        Path file = TestArchives.tarGz(temp.resolve("layout.tgz"), layout.files());
        byte[] gz = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(gz, gz.length / 2));

        ArchiveException e = failure("oci-archive:" + file);

        assertEquals(ArchiveException.Kind.INVALID_FILE, e.kind());
        assertEquals(true, e.getMessage().contains(": truncated tar: the data ends inside"), e.getMessage());
    }

    @Test
    void anEntryWhoseSizeLiesIsReportedNotMisread() throws Exception {
        Path file = temp.resolve("lying.tar");
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        byte[] layer = new byte[4096];
        java.util.Arrays.fill(layer, (byte) 7);
        new TarWriter(tar).header("blobs/sha256/layer", 1024, '0').raw(layer); // says 1024, holds 4096
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        TarWriter rest = new TarWriter(tar);
        layout.files().forEach(rest::file);
        rest.finish();
        Files.write(file, tar.toByteArray());

        assertFailure(ArchiveException.Kind.INVALID_FILE, "oci-archive:" + file, "damaged tar: no valid header at offset 1536 "
                + "(after entry \"blobs/sha256/layer\" (1024 bytes), whose size may be wrong, or the file is damaged)",
                failure("oci-archive:" + file));
    }

    @Test
    void namesFromInsideAFileCannotBreakTheMessageIntoLines() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1\nlabels: all good", FixturePlatform.LINUX_AMD64, LABELS);
        layout.image("2", FixturePlatform.LINUX_AMD64, LABELS);
        String reference = "oci:" + TestArchives.folder(temp.resolve("layout"), layout.files());

        ArchiveException e = failure(reference + ":3");

        assertEquals("reading " + reference + ":3: no image tagged \"3\" in the layout; tags: \"1 labels: all good\", "
                + "\"2\"", e.getMessage());
    }

    @Test
    void otherCompressionsAreNamed() throws Exception {
        Path file = Files.write(temp.resolve("layout.tar.zst"), new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0});

        assertFailure(ArchiveException.Kind.INVALID_FILE, "oci-archive:" + file, file + " is zstd-compressed; only plain and "
                + "gzip-compressed tars are read: decompress it first", failure("oci-archive:" + file));
    }

    @Test
    void anUnsupportedLayoutVersionIsRefused() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        Map<String, byte[]> files = new LinkedHashMap<>(layout.files());
        files.put("oci-layout", "{\"imageLayoutVersion\":\"2.0.0\"}".getBytes(StandardCharsets.UTF_8));
        String reference = "oci:" + TestArchives.folder(temp.resolve("layout"), files);

        assertFailure(ArchiveException.Kind.INVALID_FILE, reference, "unsupported OCI image layout version 2.0.0 (1.x is read)",
                failure(reference));
    }

    @Test
    void aManifestThatIsNoJsonIsMalformed() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        Map<String, byte[]> files = new LinkedHashMap<>(layout.files());
        files.put("index.json", "{\"manifests\": [".getBytes(StandardCharsets.UTF_8));
        String reference = "oci:" + TestArchives.folder(temp.resolve("layout"), files);

        ArchiveException e = failure(reference);

        assertEquals(ArchiveException.Kind.INVALID_FILE, e.kind());
        assertEquals("reading " + reference + ": index.json: manifest is truncated JSON (at line 1, column 16)", e.getMessage());
    }

    /** A tar of many small files, written as it goes: what a hostile archive needs to fill memory with names. */
    private Path tarOf(String fileName, int files, java.util.function.IntFunction<String> name, boolean gzip)
            throws Exception {
        Path file = temp.resolve(fileName);
        try (java.io.OutputStream raw = new java.io.BufferedOutputStream(Files.newOutputStream(file));
             java.io.OutputStream out = gzip ? new java.util.zip.GZIPOutputStream(raw) : raw) {
            TarWriter tar = new TarWriter(out, TarWriter.LongNames.PAX);
            for (int i = 0; i < files; i++) {
                tar.file(name.apply(i), new byte[0]);
            }
            tar.finish();
        }
        return file;
    }

    @Test
    void aTarOfMoreFilesThanAnyImageArchiveHasIsRefused() throws Exception {
        String reference = "oci-archive:" + tarOf("many.tar", 100_001, i -> "f" + i, false);

        ArchiveException e = failure(reference);

        assertEquals(ArchiveException.Kind.INVALID_FILE, e.kind(), e::getMessage);
        assertEquals("reading " + reference + ": the tar holds more than 100000 files, far more than any image "
                + "archive", e.getMessage());
    }

    @Test
    void aTarWhoseFileNamesAddUpPastTheBoundIsRefusedPlainOrCompressed() throws Exception {
        java.util.function.IntFunction<String> longName = i -> "n".repeat(1_000_000) + i;
        for (String name : List.of("names.tar", "names.tar.gz")) {
            String reference = "oci-archive:" + tarOf(name, 18, longName, name.endsWith(".gz"));

            ArchiveException e = failure(reference);

            assertEquals(ArchiveException.Kind.INVALID_FILE, e.kind(), e::getMessage);
            assertEquals("reading " + reference + ": the tar's file names add up to more than 16 MiB, far more than "
                    + "any image archive's", e.getMessage());
        }
    }
}
