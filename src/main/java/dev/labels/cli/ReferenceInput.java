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
 *
 * <p>A list may be a pipe, a FIFO or {@code /dev/zero}: it is read with bounds, counted as it is read, and a
 * list past one of them is refused whole, before any image is looked at.
 */
public final class ReferenceInput {
    /** A list of references is text; a list larger than this is not one. */
    static final long MAX_LIST_CHARS = 64L * 1024 * 1024;
    /**
     * The longest line, comment or reference. A reference is at most a 255-character name, a 128-character tag
     * and a digest: far below this.
     */
    static final int MAX_LINE_CHARS = 4096;
    /** The most references in a list: a batch that size takes hours; one larger is a mistake or an attack. */
    static final int MAX_REFERENCES = 100_000;

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
                return lines(file, new InputStreamReader(stdin, StandardCharsets.UTF_8));
            }
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw new UsageException("--file " + file + ": is a folder, not a file");
            }
            return lines(file, Files.newBufferedReader(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UsageException("--file " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--file " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    /**
     * The references of a list, read within the bounds above. Lines end at \n, \r\n or \r, as
     * {@link BufferedReader#readLine} ends them. A line is never quoted in an error: it may be anything.
     */
    private static List<String> lines(String file, Reader source) throws IOException, UsageException {
        List<String> references = new ArrayList<>();
        try (Reader reader = source) {
            StringBuilder line = new StringBuilder();
            char[] buffer = new char[8192];
            long total = 0;
            int number = 1;
            boolean afterCarriageReturn = false;
            for (int count = reader.read(buffer); count >= 0; count = reader.read(buffer)) {
                total += count;
                if (total > MAX_LIST_CHARS) {
                    throw new UsageException("--file " + file + ": larger than " + MAX_LIST_CHARS / (1024 * 1024)
                            + " MiB, the most labels reads");
                }
                for (int i = 0; i < count; i++) {
                    char c = buffer[i];
                    boolean secondHalfOfCrLf = c == '\n' && afterCarriageReturn;
                    afterCarriageReturn = c == '\r';
                    if (secondHalfOfCrLf) {
                        continue;
                    }
                    if (c == '\n' || c == '\r') {
                        add(file, referenceOn(line.toString()), references);
                        line.setLength(0);
                        number++;
                    } else if (line.length() == MAX_LINE_CHARS) {
                        throw new UsageException("--file " + file + ": line " + number + " is longer than "
                                + MAX_LINE_CHARS + " characters, which no reference is");
                    } else {
                        line.append(c);
                    }
                }
            }
            add(file, referenceOn(line.toString()), references);
        }
        return references;
    }

    private static void add(String file, Optional<String> reference, List<String> references) throws UsageException {
        if (reference.isPresent()) {
            if (references.size() == MAX_REFERENCES) {
                throw new UsageException("--file " + file + ": more than " + MAX_REFERENCES
                        + " references, the most one run takes; split the list");
            }
            references.add(reference.get());
        }
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
    public static Optional<String> firstOf(String file) {
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
