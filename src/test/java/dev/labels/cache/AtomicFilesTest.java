package dev.labels.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> files(Path folder) throws IOException {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.map(Path::getFileName).sorted().toList();
        }
    }

    @Test
    void anEntryIsWrittenWholeForItsOwnerAloneAndNoTemporaryStays() throws IOException {
        Path file = dir.resolve("blobs/sha256/ab");
        byte[] content = "{\"a\": 1}".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, content);
        assertArrayEquals(content, Files.readAllBytes(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(List.of(Path.of("ab")), files(file.getParent()));
    }

    @Test
    void aSecondWriteReplacesTheFirstWhole() throws IOException {
        Path file = dir.resolve("tags/x");
        AtomicFiles.write(file, "a longer first value".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(file, "short".getBytes(StandardCharsets.UTF_8));
        assertEquals("short", Files.readString(file));
        assertEquals(List.of(Path.of("x")), files(file.getParent()));
    }

    @Test
    void aWriteThatCannotReplaceItsTargetLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("notes/kind/key");
        Files.createDirectories(target.resolve("in-the-way")); // a non-empty folder cannot be renamed over
        assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[] {1}));
        assertEquals(List.of(Path.of("key")), files(target.getParent()));
    }

    @Test
    void everyFolderASecretMakesIsItsOwnersAlone() throws IOException {
        Path file = dir.resolve("v1/notes/token/key");
        AtomicFiles.writePrivate(file, "secret".getBytes(StandardCharsets.UTF_8));
        for (Path folder = file.getParent(); !folder.equals(dir); folder = folder.getParent()) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)),
                    folder.toString());
        }
    }

    @Test
    void aSecretIsWrittenForItsOwnerAloneInAFolderMadeTheirsAgain() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("auth"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        AtomicFiles.writePrivate(folder.resolve("token"), "secret".getBytes(StandardCharsets.UTF_8));
        assertEquals("secret", Files.readString(folder.resolve("token")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("token"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals(List.of(Path.of("token")), files(folder));
    }
}
