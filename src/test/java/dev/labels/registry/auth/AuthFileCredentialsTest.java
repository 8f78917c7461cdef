package dev.labels.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FakeCredentialHelper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** containers-auth.json(5): host, host/namespace and host/namespace/repo keys, the most specific winning. */
class AuthFileCredentialsTest {
    @TempDir
    Path dir;

    private AuthFileCredentials file(String json) throws Exception {
        Path file = dir.resolve("auth.json");
        Files.writeString(file, json);
        return new AuthFileCredentials(file, FakeCredentialHelper.path(dir));
    }

    private static String entry(String user) {
        String auth = Base64.getEncoder().encodeToString((user + ":pw-" + user).getBytes(StandardCharsets.UTF_8));
        return "{\"auth\":\"" + auth + "\"}";
    }

    private static String user(AuthFileCredentials source, String registry, String repository) throws Exception {
        return source.lookup(registry, repository).map(Credentials::username).orElse(null);
    }

    @Test
    void mostSpecificKeyWins() throws Exception {
        AuthFileCredentials source = file("{\"auths\":{"
                + "\"quay.io\":" + entry("host") + ","
                + "\"quay.io/team/app\":" + entry("repo") + ","
                + "\"quay.io/team\":" + entry("namespace") + "}}");

        assertEquals("repo", user(source, "quay.io", "team/app"));
        assertEquals("namespace", user(source, "quay.io", "team/other"));
        assertEquals("repo", user(source, "quay.io", "team/app/sub"), "a repository key is also a namespace");
        assertEquals("host", user(source, "quay.io", "elsewhere/app"));
        assertEquals(null, user(source, "ghcr.io", "team/app"));
    }

    @Test
    void aNamespaceKeyDoesNotServeARepositoryWhoseNameMerelyStartsWithIt() throws Exception {
        AuthFileCredentials source = file("{\"auths\":{\"quay.io/team\":" + entry("namespace") + "}}");

        assertEquals(null, user(source, "quay.io", "teammates/app"));
    }

    @Test
    void dockerHubKeysMayNameTheLibraryNamespace() throws Exception {
        AuthFileCredentials source = file("{\"auths\":{\"docker.io/library\":" + entry("hub") + "}}");

        assertEquals("hub", user(source, "docker.io", "library/alpine"));
        assertEquals("hub", user(source, "index.docker.io", "library/alpine"));
        assertEquals(null, user(source, "docker.io", "someone/app"));
    }

    @Test
    void legacyUrlKeysMatchByHostOnly() throws Exception {
        AuthFileCredentials source = file("{\"auths\":{\"https://index.docker.io/v1/\":" + entry("legacy") + "}}");

        assertEquals("legacy", user(source, "docker.io", "someone/app"));
    }

    @Test
    void credHelpersInTheAuthFileAreAskedByHost() throws Exception {
        FakeCredentialHelper.answering(dir, "podman-helper", "from-helper", "pw");
        AuthFileCredentials source = file("{\"credHelpers\":{\"quay.io\":\"podman-helper\"},"
                + "\"auths\":{\"quay.io\":" + entry("file") + "}}");

        Credentials found = source.lookup("quay.io", "team/app").orElseThrow();

        assertEquals("from-helper", found.username());
        assertTrue(found.source().startsWith("docker-credential-podman-helper (credHelpers in "), found.source());
    }

    @Test
    void candidateKeysGoFromTheRepositoryUpToTheHost() {
        assertEquals(List.of("r.io/a/b/c", "r.io/a/b", "r.io/a", "r.io"), AuthFileCredentials.keysFor("r.io", "a/b/c"));
        assertEquals("docker.io/library/alpine", AuthFileCredentials.normalize("Index.Docker.io/library/alpine/"));
        assertEquals("quay.io", AuthFileCredentials.normalize("https://quay.io/v1/"));
    }

    @Test
    void missingFileHasNoCredentials() throws Exception {
        AuthFileCredentials source = new AuthFileCredentials(dir.resolve("none.json"), Map.of());

        assertTrue(source.lookup("quay.io", "team/app").isEmpty());
    }
}
