package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FakeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cache folder holds steers a run (notes on challenges, tokens, tag digests), so a folder is used only
 * when no one but the user running labels can have written it: owned by that user, not writable by group or
 * others. Any other folder gets one warning and a run without the cache.
 */
class CacheFolderTrustTest {
    /** The uid of "nobody" on Linux: a user a root test can hand a folder to. */
    private static final int NOBODY = 65534;

    @TempDir
    Path temp;
    private FakeRegistry fake;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BEARER);
        fake.pushImage("team/app", "1", Map.of("a", "b"));
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private CliRun inspect(Path cache) {
        return CliRun.run("inspect", fake.host() + "/team/app:1", "--mirror", fake.plainHttpMirror(),
                "--cache-dir", cache.toString());
    }

    /** Every file and folder under {@code folder} with its size and modification time. */
    private static Map<String, String> snapshot(Path folder) throws Exception {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.toList()) {
                entries.put(folder.relativize(file).toString(),
                        Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis());
            }
        }
        return entries;
    }

    /** A cache filled by a run, so that using it would show: its token spares the next run a token request. */
    private Path filledCache() throws Exception {
        Path cache = temp.resolve("cache");
        CliRun first = inspect(cache);
        assertEquals(0, first.exitCode(), first::toString);
        assertEquals(1, fake.tokenRequests.size());
        return cache;
    }

    private static void assertOneWarningAbout(CliRun run, Path folder, String why) {
        List<String> warnings = run.stderr().lines().filter(l -> l.contains("warning")).toList();
        assertEquals(1, warnings.size(), run.stderr());
        assertTrue(warnings.get(0).contains(folder.toString()) && warnings.get(0).contains(why), warnings.get(0));
    }

    @Test
    void aCacheFolderOthersCanWriteIsNeitherReadNorWritten() throws Exception {
        Path cache = filledCache();
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> before = snapshot(cache);

        CliRun run = inspect(cache);

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Map.of("a", "b"), run.labels());
        assertOneWarningAbout(run, cache, "writable by group or others");
        assertEquals(2, fake.tokenRequests.size(), "the token kept in the folder was not read");
        assertEquals(before, snapshot(cache), "nothing was written to the folder");
    }

    @Test
    void aCacheFolderOfAnotherUserIsNeitherReadNorWritten() throws Exception {
        int me = (Integer) Files.getAttribute(Files.createTempFile(temp, "mine", ""), "unix:uid");
        Path cache;
        if (me == 0) {
            cache = filledCache();
            try (Stream<Path> files = Files.walk(cache)) {
                for (Path file : files.toList()) {
                    Files.setAttribute(file, "unix:uid", NOBODY);
                }
            }
        } else {
            // Only root can give a folder away; any other user finds one that is not theirs at the root.
            cache = Path.of("/");
        }
        assertNotEquals(me, Files.getAttribute(cache, "unix:uid"));
        int tokensBefore = fake.tokenRequests.size();
        // The root of the file system is not walked: no user but root could write to it anyway.
        Map<String, String> before = me == 0 ? snapshot(cache) : Map.of();

        CliRun run = inspect(cache);

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Map.of("a", "b"), run.labels());
        assertOneWarningAbout(run, cache, "owned by uid " + Files.getAttribute(cache, "unix:uid"));
        assertEquals(tokensBefore + 1, fake.tokenRequests.size(), "the token kept in the folder was not read");
        assertEquals(before, me == 0 ? snapshot(cache) : Map.of(), "nothing was written to the folder");
    }

    @Test
    void aCacheFolderLabelsCreatesIsPrivateToItsUser() throws Exception {
        Path cache = temp.resolve("new/cache");

        CliRun run = inspect(cache);

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.stderr());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
        CliRun again = inspect(cache);
        assertEquals("", again.stderr());
        assertEquals(1, fake.tokenRequests.size(), "the folder is used: its token serves the second run");
    }

    @Test
    void cacheClearLeavesAFolderOthersCanWriteAlone() throws Exception {
        Path cache = filledCache();
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> before = snapshot(cache);

        CliRun run = CliRun.run("cache", "clear", "--cache-dir", cache.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertOneWarningAbout(run, cache, "writable by group or others");
        assertEquals(before, snapshot(cache));
    }

    /**
     * The root being the user's alone is judged once; what is made inside it must stay so whatever the umask,
     * or a root of mode 0755 would hold folders its group could plant notes in.
     */
    @Test
    void everyFolderMadeInsideTheCacheIsTheUsersAlone() throws Exception {
        Path cache = temp.resolve("cache");
        Files.createDirectory(cache, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        CliRun run = inspect(cache);

        assertEquals(0, run.exitCode(), run::toString);
        try (Stream<Path> paths = Files.walk(cache)) {
            List<Path> folders = paths.filter(Files::isDirectory).filter(p -> !p.equals(cache)).toList();
            assertTrue(folders.size() >= 3, folders::toString);
            for (Path folder : folders) {
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)),
                        folder.toString());
            }
        }
    }
}
