package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FakeRegistry;
import dev.labels.testing.FixtureImage;
import dev.labels.testing.Fixtures;
import dev.labels.testing.LocalRegistry;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run leaves what it learnt about a registry (its challenge, its token) for the next run, so that a job
 * calling labels once per deploy pays one request for a cached tag, not a 401 and a token request first.
 */
class RememberedAuthTest {
    @TempDir
    Path cache;

    private FakeRegistry fake;

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    private CliRun inspect(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("inspect", fake.host() + "/team/app:1",
                "--mirror", fake.plainHttpMirror(), "--cache-dir", cache.toString()));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }

    private List<Path> tokenNotes() throws Exception {
        Path folder = cache.resolve("v1/notes/tokens");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".tmp-")).toList();
        }
    }

    @Test
    void aSecondRunAuthenticatesUpFrontWithTheTokenOfTheFirst() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BEARER);
        fake.pushImage("team/app", "1", Map.of("a", "b"));
        CliRun first = inspect();
        int registryBefore = fake.registryRequests.size();
        int tokensBefore = fake.tokenRequests.size();

        CliRun second = inspect();

        assertEquals(0, second.exitCode(), second::toString);
        assertEquals(first.stdout(), second.stdout());
        assertEquals(1, fake.tokenRequests.size(), "the token of the first run is used again");
        assertEquals(tokensBefore, fake.tokenRequests.size());
        assertEquals(1, fake.registryRequests.size() - registryBefore, "one HEAD for the cached tag, no 401");
        assertEquals("HEAD", fake.registryRequests.get(registryBefore).getMethod());
        assertEquals("Bearer " + FakeRegistry.TOKEN, fake.registryRequests.get(registryBefore).getHeader("Authorization"));
    }

    @Test
    void tokensAreKeptOnlyInFilesNoOneElseCanRead() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BEARER);
        fake.pushImage("team/app", "1", Map.of("a", "b"));

        inspect();

        List<Path> notes = tokenNotes();
        assertEquals(1, notes.size());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(notes.get(0))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(notes.get(0).getParent())));
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.getParent().equals(notes.get(0).getParent())) {
                    assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(FakeRegistry.TOKEN),
                            "token outside the private folder: " + file);
                }
            }
        }
    }

    @Test
    void aKeptTokenTheRegistryRefusesIsReplacedAndTheRunSucceeds() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BEARER);
        fake.pushImage("team/app", "1", Map.of("a", "b"));
        inspect();
        Path note = tokenNotes().get(0);
        Files.writeString(note, "{\"token\":\"revoked\",\"expires\":" + (System.currentTimeMillis() / 1000 + 3600) + "}");

        CliRun again = inspect();

        assertEquals(0, again.exitCode(), again::toString);
        assertEquals(2, fake.tokenRequests.size(), "a new token after the kept one was refused");
        assertTrue(Files.readString(tokenNotes().get(0)).contains(FakeRegistry.TOKEN), "the new token is kept");
    }

    @Test
    void noCacheKeepsNothing() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BEARER);
        fake.pushImage("team/app", "1", Map.of("a", "b"));

        inspect("--no-cache");
        inspect("--no-cache");

        assertEquals(2, fake.tokenRequests.size());
        assertFalse(Files.exists(cache.resolve("v1")));
    }

    @Test
    void aRightUserWithAWrongPasswordIsRefusedAsWithoutTheCache() {
        try (LocalRegistry registry = LocalRegistry.start(LocalRegistry.Mode.TOKEN)) {
            FixtureImage image = Fixtures.push(registry, Fixtures.PRIVATE).dockerV2();
            String reference = registry.host() + "/" + image.reference();
            String right = LocalRegistry.USER + ":" + LocalRegistry.PASSWORD;
            String wrong = LocalRegistry.USER + ":not-" + LocalRegistry.PASSWORD;
            CliRun first = CliRun.run("inspect", reference, "--creds", right, "--cache-dir", cache.toString());
            assertEquals(0, first.exitCode(), first::toString);

            CliRun withCache = CliRun.run("inspect", reference, "--creds", wrong, "--cache-dir", cache.toString());
            CliRun withoutCache = CliRun.run("inspect", reference, "--creds", wrong, "--no-cache");

            assertEquals(ExitCodes.UNAUTHORIZED, withoutCache.exitCode(), withoutCache::toString);
            assertEquals(withoutCache.exitCode(), withCache.exitCode(), withCache::toString);
            assertEquals(withoutCache.stdout(), withCache.stdout());
            CliRun again = CliRun.run("inspect", reference, "--creds", right, "--cache-dir", cache.toString());
            assertEquals(0, again.exitCode(), "the right password still finds its token: " + again);
        }
    }

    @Test
    void theCacheHoldsNeitherThePasswordNorAPlainHashOfIt() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BEARER);
        fake.tokenNeedsCredentials = true;
        fake.pushImage("team/app", "1", Map.of("a", "b"));

        CliRun run = inspect("--creds", FakeRegistry.USER + ":" + FakeRegistry.PASSWORD);

        assertEquals(0, run.exitCode(), run::toString);
        byte[] password = FakeRegistry.PASSWORD.getBytes(StandardCharsets.UTF_8);
        List<String> forms = List.of(FakeRegistry.PASSWORD, Base64.getEncoder().encodeToString(password),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password)),
                Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(password)));
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path file : files.toList()) {
                String text = file.getFileName() + "\n"
                        + (Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "");
                for (String form : forms) {
                    assertFalse(text.contains(form), "the password, in the form " + form + ", in " + file);
                }
            }
        }
    }
}
