package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.DockerSaveBuilder;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.OciLayoutBuilder;
import dev.labels.testing.TarWriter;
import dev.labels.testing.TestArchives;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The speed claim of the README: on an uncompressed archive of 2 GiB, an inspection reads a few hundred
 * headers and three small files, not 2 GiB, and takes well under a second.
 *
 * <p>The archives are sparse files: each layer's header is written, then the body is skipped with a seek, so
 * they take no disk space and are built in milliseconds. They are left in {@code target/large-archives/} for
 * trying the built tool on them: {@code time target/labels inspect oci-archive:target/large-archives/oci-2g.tar}.
 */
class LargeArchiveTest {
    static final Path FOLDER = Path.of("target", "large-archives");
    private static final long GIB = 1024L * 1024 * 1024;
    /** 2 GiB in 16 layers, the layers first: the files needed come last, after every body is jumped over. */
    private static final int LAYERS = 16;
    private static final Map<String, String> LABELS = Map.of("blaze.service.deployment.memory", "300");
    /** Generous against a slow, busy CI machine; measured figures are in the README and printed below. */
    private static final long LIMIT_MILLIS = 1000;
    private static final int RUNS = 5;

    private static Path oci;
    private static Path docker;

    @BeforeAll
    static void writeSparseArchives() throws IOException {
        Files.createDirectories(FOLDER);
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        oci = sparse(FOLDER.resolve("oci-2g.tar"), layout.files());
        DockerSaveBuilder saved = new DockerSaveBuilder(DockerSaveBuilder.Style.CLASSIC);
        saved.image(List.of("app:1"), FixturePlatform.LINUX_AMD64, LABELS);
        docker = sparse(FOLDER.resolve("docker-2g.tar"), saved.files());
    }

    /** {@code LAYERS} sparse layer entries of 2 GiB in all, then the image's files, then the end marker. */
    private static Path sparse(Path file, Map<String, byte[]> files) throws IOException {
        Files.deleteIfExists(file);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            long layerSize = 2 * GIB / LAYERS;
            for (int i = 0; i < LAYERS; i++) {
                out.write(TarWriter.header(String.format("blobs/sha256/%064d", i), "", layerSize, '0'));
                out.seek(out.getFilePointer() + layerSize); // the body: a hole, never written
            }
            java.io.ByteArrayOutputStream rest = new java.io.ByteArrayOutputStream();
            TarWriter tar = new TarWriter(rest);
            files.forEach(tar::file);
            tar.finish();
            out.write(rest.toByteArray());
        }
        assertTrue(Files.size(file) > 2 * GIB, "the archive is over 2 GiB");
        return file;
    }

    /** One inspection in this JVM: how long it took and how many bytes the process read meanwhile. */
    private record Measured(long millis, long bytesRead) {
    }

    private static Measured inspect(String reference) throws IOException {
        long readBefore = bytesRead();
        long start = System.nanoTime();
        CliRun run = CliRun.run("inspect", reference);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long read = bytesRead() - readBefore;
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(LABELS, run.labels());
        return new Measured(millis, read);
    }

    /**
     * Bytes this process has read through read system calls (Linux: rchar in /proc/self/io, page cache hits
     * included, so it counts what was asked for, not what the disk did). -1 elsewhere.
     */
    private static long bytesRead() throws IOException {
        Path io = Path.of("/proc/self/io");
        if (!Files.isReadable(io)) {
            return -1;
        }
        return Files.readAllLines(io).stream().filter(line -> line.startsWith("rchar:"))
                .mapToLong(line -> Long.parseLong(line.substring(6).strip())).findFirst().orElse(-1);
    }

    /**
     * Each large archive is compared with a tiny one holding the same image, inspected just before it, once
     * this JVM has loaded the classes of picocli, Jackson and OkHttp (the first inspection pays for that,
     * whatever the archive).
     */
    @Test
    void aTwoGibibyteArchiveIsInspectedInWellUnderASecondReadingAlmostNothing() throws IOException {
        Map<String, String> archives = new LinkedHashMap<>();
        archives.put("oci-archive:" + oci + ":1", "oci-archive:" + tiny("oci.tar", OciLayoutBuilder.class));
        archives.put("docker-archive:" + docker + ":app:1",
                "docker-archive:" + tiny("docker.tar", DockerSaveBuilder.class));
        inspect(archives.values().iterator().next()); // class loading and JIT warm-up
        for (Map.Entry<String, String> archive : archives.entrySet()) {
            List<Measured> small = new java.util.ArrayList<>();
            List<Measured> large = new java.util.ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                small.add(inspect(archive.getValue()));
                large.add(inspect(archive.getKey()));
            }
            System.out.printf("labels inspect %s (2 GiB in %d layers): first %d ms, median of %d %d ms, at most %d bytes "
                    + "read; a %d KiB archive of the same image: first %d ms, median %d ms%n", archive.getKey(), LAYERS,
                    large.get(0).millis(), RUNS, median(large), max(large),
                    Files.size(Path.of(archive.getValue().substring(archive.getValue().indexOf(':') + 1))) / 1024,
                    small.get(0).millis(), median(small));
            for (Measured measured : large) {
                assertTrue(measured.millis() < LIMIT_MILLIS, archive.getKey() + " took " + measured.millis() + " ms");
                assertTrue(measured.bytesRead() < 1024 * 1024, archive.getKey() + " read " + measured.bytesRead() + " bytes");
            }
        }
    }

    private static long median(List<Measured> runs) {
        return runs.stream().mapToLong(Measured::millis).sorted().skip(runs.size() / 2).findFirst().orElseThrow();
    }

    private static long max(List<Measured> runs) {
        return runs.stream().mapToLong(Measured::bytesRead).max().orElseThrow();
    }

    /** The same image without the large layers. */
    private static Path tiny(String name, Class<?> kind) {
        Path file = FOLDER.resolve("small-" + name);
        if (kind == OciLayoutBuilder.class) {
            OciLayoutBuilder layout = new OciLayoutBuilder();
            layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
            return TestArchives.tar(file, layout.files());
        }
        DockerSaveBuilder saved = new DockerSaveBuilder(DockerSaveBuilder.Style.CLASSIC);
        saved.image(List.of("app:1"), FixturePlatform.LINUX_AMD64, LABELS);
        return TestArchives.tar(file, saved.files());
    }
}
