package dev.labels.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** How much the cache holds: entries (manifests, configs and tag hints) and bytes on disk. */
public record Usage(long entries, long bytes) {

    static Usage of(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new Usage(0, 0);
        }
        long[] totals = new long[2];
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(".type"))
                    .forEach(f -> {
                        totals[0]++;
                        try {
                            totals[1] += Files.size(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Usage(totals[0], totals[1]);
    }
}
