package dev.labels.cli.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.cli.ReferenceInput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whether the head start warms up TLS: only when an argument names a registry off loopback. */
class HeadStartTest {

    private static boolean likelyOverTls(String commandLine) {
        return HeadStart.likelyOverTls(commandLine.split(" "));
    }

    @Test
    void dockerHubImageIsReachedOverTls() {
        assertTrue(likelyOverTls("inspect wehkamp/app:1"));
        assertTrue(likelyOverTls("inspect alpine"));
    }

    @Test
    void registryOffLoopbackIsReachedOverTls() {
        assertTrue(likelyOverTls("inspect ghcr.io/a/b:1"));
        assertTrue(likelyOverTls("list registry.example.com:5000/team/app"));
    }

    @Test
    void oneRegistryOffLoopbackAmongLoopbackOnesIsEnough() {
        assertTrue(likelyOverTls("inspect localhost:5000/a:1 quay.io/x/y:2"));
        assertTrue(likelyOverTls("diff ghcr.io/a/b:1 localhost:5000/a:1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:5000/a:1", "localhost/a:1", "127.0.0.1:5000/a:1", "127.1.2.3/a:1",
        "[::1]:5000/a:1", "[::1]/a:1"})
    void loopbackRegistryIsNotReachedOverTls(String reference) {
        assertFalse(likelyOverTls("inspect " + reference));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci:some/dir:tag", "oci-archive:image.tar", "docker-archive:x.tar",
        "docker-archive:registry.example.com/x.tar"})
    void imageFilesAreNotRegistries(String reference) {
        assertFalse(likelyOverTls("inspect " + reference));
    }

    @Test
    void optionsAndValuesThatAreNotReferencesAreSkipped() {
        assertFalse(likelyOverTls("inspect --cache-dir /tmp/x localhost/a:1"));
        assertFalse(likelyOverTls("inspect --mirror localhost:5000=http://localhost:5000 localhost:5000/a:1"));
        assertFalse(likelyOverTls("inspect --platform=linux/arm64 localhost:5000/a:1"));
    }

    @Test
    void theSubcommandItselfIsNotAReference() {
        // "inspect" alone would parse as docker.io/library/inspect.
        assertFalse(HeadStart.likelyOverTls(new String[] {"inspect"}));
        assertFalse(HeadStart.likelyOverTls(new String[] {"inspect", "localhost:5000/a:1"}));
    }

    @Test
    void noReferencesAtAllIsNotTls() {
        assertFalse(HeadStart.likelyOverTls(new String[0]));
        assertFalse(likelyOverTls("inspect --help"));
    }

    @Test
    void aRunOfImagesInFilesOnlyNeedsNoHeadStart() {
        assertTrue(HeadStart.onlyFiles(new String[] {"inspect", "oci:layout:1", "docker-archive:app.tar"}));
        assertFalse(HeadStart.onlyFiles(new String[] {"inspect", "oci:layout:1", "alpine:3"}));
        assertFalse(HeadStart.onlyFiles(new String[] {"inspect", "--prefix", "x.", "oci:layout:1"}));
        assertFalse(HeadStart.onlyFiles(new String[] {"inspect"}));
        assertEquals(null, HeadStart.begin(new String[] {"inspect", "oci:layout:1"}));
    }

    @Test
    void aFileOfReferencesThatCannotBeReadHereIsTakenToNameHttpsRegistries() {
        assertTrue(likelyOverTls("inspect --file /nonexistent/refs.txt"));
        assertTrue(likelyOverTls("inspect --file=/nonexistent/refs.txt --jobs 4"));
        assertTrue(likelyOverTls("inspect --cache-dir /tmp/c --file -"));
        assertTrue(likelyOverTls("inspect --file"));
    }

    @Test
    void aFileOfReferencesIsJudgedByItsFirstReference(@TempDir Path dir) throws Exception {
        Path local = Files.writeString(dir.resolve("local.txt"), "\n# services\n  localhost:5000/team/app:1\nghcr.io/a/b:1\n");
        Path remote = Files.writeString(dir.resolve("remote.txt"), "# services\nghcr.io/a/b:1\n");

        assertFalse(likelyOverTls("inspect --file " + local));
        assertFalse(likelyOverTls("inspect --file=" + local + " --no-cache"));
        assertTrue(likelyOverTls("inspect --file " + remote));
        assertTrue(likelyOverTls("inspect --file " + local + " quay.io/x/y:2"), "the arguments count too");
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPipeIsNotReadHereForTheRunReadsItWhole(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("refs.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

        // Reading would block here until a writer came, and take the lines from the run.
        assertEquals(java.util.Optional.empty(), ReferenceInput.firstOf(fifo.toString()));
        assertTrue(likelyOverTls("inspect --file " + fifo));
    }
}
