package dev.labels.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's line in the hosts file goes in and comes out leaving the file as it was, byte for byte. On
 * files in a temporary folder: the tests never touch /etc/hosts.
 */
class HostsFileTest {
    private static final List<String> NAMES = List.of("registry.bench.test", "auth.bench.test");

    @TempDir
    Path folder;

    @Test
    void addsOneLineMappingTheNamesToLoopbackAndRestoresTheFileExactly() throws Exception {
        byte[] original = "127.0.0.1 localhost\n::1 localhost ip6-localhost\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(folder.resolve("hosts"), original);
        try (HostsFile hosts = HostsFile.add(file, NAMES)) {
            List<String> lines = Files.readAllLines(file);
            assertEquals(3, lines.size());
            assertTrue(lines.get(2).startsWith("127.0.0.1 registry.bench.test auth.bench.test # added by labels-bench pid "
                    + ProcessHandle.current().pid()), lines.get(2));
        }
        assertArrayEquals(original, Files.readAllBytes(file));
    }

    @Test
    void aFileWithoutAFinalNewlineGetsItsLineOnALineOfItsOwnAndComesBackWithoutIt() throws Exception {
        byte[] original = "127.0.0.1 localhost".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(folder.resolve("hosts"), original);
        HostsFile hosts = HostsFile.add(file, NAMES);
        assertTrue(Files.readAllLines(file).get(1).startsWith("127.0.0.1 registry.bench.test "));
        hosts.close();
        hosts.close();
        assertArrayEquals(original, Files.readAllBytes(file));
        assertEquals("", hosts.restoreNote());
    }

    @Test
    void whenSomeoneElseChangedTheFileMeanwhileOnlyThisRunsLineIsTakenOut() throws Exception {
        Path file = Files.writeString(folder.resolve("hosts"), "127.0.0.1 localhost\n");
        HostsFile hosts = HostsFile.add(file, NAMES);
        Files.writeString(file, "10.0.0.7 someone-else\n", StandardOpenOption.APPEND);
        hosts.close();
        assertEquals("127.0.0.1 localhost\n10.0.0.7 someone-else\n", Files.readString(file));
        assertTrue(hosts.restoreNote().contains("changed by someone else"), hosts.restoreNote());
    }

    @Test
    void aFileThatCannotBeReadIsUnavailableAndNothingIsWritten() {
        Path missing = folder.resolve("no-such-hosts");
        HostsFile.Unavailable e = assertThrows(HostsFile.Unavailable.class, () -> HostsFile.add(missing, NAMES));
        assertTrue(e.getMessage().startsWith("cannot read " + missing), e.getMessage());
        assertTrue(Files.notExists(missing));
    }

    @Test
    void namesThatResolveElsewhereAreRefused() {
        HostsFile.Unavailable e = assertThrows(HostsFile.Unavailable.class,
                () -> HostsFile.resolvesToLoopback(List.of("192.0.2.1")));
        assertTrue(e.getMessage().contains("not to this machine"), e.getMessage());
    }
}
