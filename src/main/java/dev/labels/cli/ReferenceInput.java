package dev.labels.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The references of a run: those on the command line, then those of {@code --file} (one a line, {@code -}
 * for stdin; blank lines and {@code #} comments ignored; surrounding whitespace trimmed).
 */
final class ReferenceInput {
    /** A list of references is text; a file larger than this is not one. */
    private static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private ReferenceInput() {
    }

    static List<String> gather(List<String> arguments, String file, InputStream stdin) throws UsageException {
        List<String> references = new ArrayList<>(arguments);
        if (file != null) {
            references.addAll(read(file, stdin));
        }
        return references;
    }

    private static List<String> read(String file, InputStream stdin) throws UsageException {
        try {
            if (file.equals("-")) {
                return lines(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            }
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw new UsageException("--file " + file + ": is a folder, not a file");
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new UsageException("--file " + file + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            return lines(Files.newBufferedReader(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UsageException("--file " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--file " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private static List<String> lines(Reader source) throws IOException {
        List<String> references = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(source)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    references.add(trimmed);
                }
            }
        }
        return references;
    }
}
