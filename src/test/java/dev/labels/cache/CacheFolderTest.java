package dev.labels.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule for a cache folder: owned by the user running labels, and not writable by group or others. */
class CacheFolderTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({
        "rwx------, true",
        "rwxr-x---, true",
        "rwxr-xr-x, true",
        "r-x------, true",
        "rwxrwx---, false",
        "rwx-w----, false",
        "rwxr-xrwx, false",
        "rwx----w-, false",
        "rwxrwxrwx, false",
    })
    void aFolderOfTheUserIsUsableUnlessGroupOrOthersCanWriteToIt(String mode, boolean usable) throws Exception {
        Path folder = Files.createDirectory(temp.resolve("cache"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(mode));

        Optional<String> refusal = CacheFolder.refusal(folder);

        assertEquals(usable, refusal.isEmpty(), mode + ": " + refusal);
        refusal.ifPresent(why -> assertTrue(why.contains("writable by group or others"), why));
    }

    @Test
    void aFolderOfAnotherUserIsNotUsable() throws Exception {
        int me = (Integer) Files.getAttribute(temp, "unix:uid");
        Path folder;
        if (me == 0) {
            folder = Files.createDirectory(temp.resolve("cache"));
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            Files.setAttribute(folder, "unix:uid", 65534);
        } else {
            // Only root can give a folder away; any other user finds one that is not theirs at the root.
            folder = Path.of("/");
        }
        assertNotEquals(me, Files.getAttribute(folder, "unix:uid"));

        Optional<String> refusal = CacheFolder.refusal(folder);

        assertTrue(refusal.orElse("").contains("owned by uid " + Files.getAttribute(folder, "unix:uid")
                + ", not by uid " + me), refusal.toString());
    }

    @Test
    void aMissingFolderIsMadeForItsUserOnly() throws Exception {
        Path folder = temp.resolve("a/b/cache");

        assertEquals(Optional.empty(), CacheFolder.refusal(folder));

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    }

    @Test
    void aFileIsNotAFolder() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThrows(NotDirectoryException.class, () -> CacheFolder.refusal(file));
    }
}
