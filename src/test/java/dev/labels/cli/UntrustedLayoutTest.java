package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FixturePlatform;
import dev.labels.testing.OciLayoutBuilder;
import dev.labels.testing.TarWriter;
import dev.labels.testing.TestArchives;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layout or archive is whatever its author made it: its files may be links to the user's own secrets, and its
 * JSON may be anything at all. A link that leaves the layout folder is refused, and nothing of a file (or a
 * registry answer) that is not JSON reaches the terminal: errors say which file and what kind of error, never
 * its bytes.
 */
class UntrustedLayoutTest {
    /** Letters only, so a JSON parser reads it as one token and would quote it whole. */
    private static final String MARKER = "sEcReTmArKeR";
    private static final Map<String, String> LABELS = Map.of("team", "dodo");

    @TempDir
    Path temp;

    private OciLayoutBuilder.Image image;

    private Path layout() {
        OciLayoutBuilder builder = new OciLayoutBuilder();
        image = builder.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        return TestArchives.folder(temp.resolve("layout"), builder.files());
    }

    private Path outside(String name, byte[] content) throws Exception {
        Path folder = Files.createDirectories(temp.resolve("elsewhere"));
        return Files.write(folder.resolve(name), content);
    }

    private static void assertRefusedWithoutTheSecret(CliRun run, String detail) {
        assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
        assertEquals("", run.stdout(), "no labels");
        assertFalse(run.stderr().contains(MARKER), "the file's content is not printed: " + run.stderr());
        assertEquals(1, run.stderr().lines().count(), run::toString);
        assertTrue(run.stderr().contains(detail), "says " + detail + ": " + run.stderr());
    }

    @Test
    void aSymlinkedIndexJsonThatLeavesTheLayoutIsRefusedAndNotQuoted() throws Exception {
        Path layout = layout();
        Path shadow = outside("shadow", ("root:$6$" + MARKER + ":19000:0:99999:7:::\n").getBytes(StandardCharsets.UTF_8));
        Files.delete(layout.resolve("index.json"));
        Files.createSymbolicLink(layout.resolve("index.json"), shadow);

        CliRun run = CliRun.run("inspect", "oci:" + layout);

        assertRefusedWithoutTheSecret(run, "index.json");
        assertTrue(run.stderr().contains("outside the layout"), run.stderr());
    }

    @Test
    void aSymlinkedBlobThatLeavesTheLayoutIsRefusedEvenWhenItsDigestMatches() throws Exception {
        Path layout = layout();
        Path blob = layout.resolve(OciLayoutBuilder.path(image.configDigest()));
        Path moved = outside("config.json", Files.readAllBytes(blob));
        Files.delete(blob);
        Files.createSymbolicLink(blob, moved);

        CliRun run = CliRun.run("inspect", "oci:" + layout);

        assertRefusedWithoutTheSecret(run, "outside the layout");
    }

    @Test
    void aLinkedFolderThatLeavesTheLayoutIsRefused() throws Exception {
        Path layout = layout();
        Path blobs = layout.resolve("blobs");
        Path moved = Files.move(blobs, Files.createDirectories(temp.resolve("elsewhere")).resolve("blobs"));
        Files.createSymbolicLink(blobs, moved);

        CliRun run = CliRun.run("inspect", "oci:" + layout);

        assertRefusedWithoutTheSecret(run, "outside the layout");
    }

    @Test
    void symlinksThatStayInsideTheLayoutAreFollowedAndTheLayoutItselfMayBeALink() throws Exception {
        Path layout = layout();
        Files.createDirectories(layout.resolve("refs"));
        Files.move(layout.resolve("index.json"), layout.resolve("refs/index.json"));
        Files.createSymbolicLink(layout.resolve("index.json"), Path.of("refs/index.json"));
        Path blob = layout.resolve(OciLayoutBuilder.path(image.configDigest()));
        Files.move(blob, layout.resolve("refs/config"));
        Files.createSymbolicLink(blob, layout.resolve("refs/config"));
        Path link = Files.createSymbolicLink(temp.resolve("link-to-layout"), layout);

        CliRun run = CliRun.run("inspect", "oci:" + link);

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(LABELS, run.labels());
    }

    @Test
    void aFileThatIsNotJsonIsNamedWithTheKindAndPlaceOfTheErrorButNeverQuoted() throws Exception {
        Path layout = layout();
        Files.writeString(layout.resolve("index.json"), "{\"manifests\": [" + MARKER + "]}");

        CliRun run = CliRun.run("inspect", "oci:" + layout);

        assertRefusedWithoutTheSecret(run, "index.json");
        assertTrue(run.stderr().contains("not JSON"), run.stderr());
        assertTrue(run.stderr().contains("line 1, column"), run.stderr());
    }

    @Test
    void aSymlinkEntryInAnArchiveIsNotFollowed() throws Exception {
        Path secret = outside("index.json", ("{\"note\": \"" + MARKER + "\"}").getBytes(StandardCharsets.UTF_8));
        OciLayoutBuilder builder = new OciLayoutBuilder();
        builder.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(bytes);
        builder.files().forEach((name, content) -> {
            if (!name.equals("index.json")) {
                tar.file(name, content);
            }
        });
        tar.symlink("index.json", secret.toString());
        tar.finish();
        Path archive = Files.write(temp.resolve("app.tar"), bytes.toByteArray());

        CliRun run = CliRun.run("inspect", "oci-archive:" + archive);

        assertRefusedWithoutTheSecret(run, "no index.json");
    }

    @Test
    void aRegistryAnswerThatIsNotJsonIsNotQuoted() throws Exception {
        try (HostileRegistry registry = new HostileRegistry(HostileRegistry.Auth.NONE)) {
            registry.registryFault = request -> request.getPath().contains("/manifests/")
                    ? new MockResponse().setHeader("Content-Type", HostileRegistry.DOCKER_V2)
                            .setBody("<html>" + MARKER + "</html>")
                    : null;
            java.util.List<String> args = new java.util.ArrayList<>(
                    java.util.List.of("inspect", HostileRegistry.REFERENCE, "--retries", "1"));
            args.addAll(registry.mirror());

            CliRun run = CliRun.run(Map.of(), "", args.toArray(String[]::new));

            assertRefusedWithoutTheSecret(run, "not JSON");
        }
    }
}
