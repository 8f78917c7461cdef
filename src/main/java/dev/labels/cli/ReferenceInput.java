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
import java.util.Optional;

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
                referenceOn(line).ifPresent(references::add);
            }
        }
        return references;
    }

    /** The reference a line of a list holds: none on a blank line or a {@code #} comment. */
    private static Optional<String> referenceOn(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() || trimmed.startsWith("#") ? Optional.empty() : Optional.of(trimmed);
    }

    /** How much of a list is read ahead for its first reference. */
    private static final int PEEK_BYTES = 8192;
    private static final int PEEK_LINES = 100;

    /**
     * The first reference of a {@code --file} list, read ahead of the run, when it is a regular file: a pipe
     * (stdin, {@code <(...)}) must be left whole for the run. Empty when there is none in the first 100 lines or 8 KiB, or
     * the file cannot be read (the run reports that).
     */
    static Optional<String> firstOf(String file) {
        Path path = Path.of(file);
        if (file.equals("-") || !Files.isRegularFile(path)) {
            return Optional.empty();
        }
        byte[] head = new byte[PEEK_BYTES];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return new String(head, 0, read, StandardCharsets.UTF_8).lines().limit(PEEK_LINES)
                .map(ReferenceInput::referenceOn).flatMap(Optional::stream).findFirst();
    }
}
