package dev.labels.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;

/** Writes the files {@link OciLayoutBuilder} or {@link DockerSaveBuilder} made as a folder, a tar or a tar.gz. */
public final class TestArchives {

    private TestArchives() {
    }

    public static Path folder(Path folder, Map<String, byte[]> files) {
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = folder.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path tar(Path file, Map<String, byte[]> files) {
        return tar(file, files, UnaryOperator.identity(), TarWriter.LongNames.USTAR_THEN_GNU, false);
    }

    public static Path tarGz(Path file, Map<String, byte[]> files) {
        return tar(file, files, UnaryOperator.identity(), TarWriter.LongNames.USTAR_THEN_GNU, true);
    }

    /**
     * @param rename    how each name is written, e.g. {@code n -> "./" + n} as {@code tar -C dir -cf x.tar .} does
     * @param longNames how names over 100 bytes are written
     */
    public static Path tar(Path file, Map<String, byte[]> files, UnaryOperator<String> rename,
                           TarWriter.LongNames longNames, boolean gzip) {
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file));
             OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            TarWriter tar = new TarWriter(out, longNames);
            files.forEach((name, content) -> tar.file(rename.apply(name), content));
            tar.finish();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
