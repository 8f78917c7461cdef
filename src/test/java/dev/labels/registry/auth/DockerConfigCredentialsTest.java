package dev.labels.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.labels.testing.FakeCredentialHelper;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerConfigCredentialsTest {
    @TempDir
    Path dir;

    private DockerConfigCredentials config(String json) throws Exception {
        Files.writeString(dir.resolve("config.json"), json);
        Map<String, String> env = new java.util.HashMap<>(FakeCredentialHelper.path(dir));
        env.put("DOCKER_CONFIG", dir.toString());
        return DockerConfigCredentials.fromEnvironment(env, "/nonexistent");
    }

    private static String auth(String userPass) {
        return Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dockerHubLegacyKeyServesDockerIo() throws Exception {
        DockerConfigCredentials source = config("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\""
                + auth("hub-user:hub:pass") + "\"}}}");

        Credentials found = source.lookup("docker.io", "team/app").orElseThrow();

        assertEquals("hub-user", found.username());
        assertEquals("hub:pass", found.secret(), "only the first colon separates user from password");
        assertEquals(dir.resolve("config.json").toString(), found.source());
    }

    @Test
    void hostKeysWithSchemeMatchByHostAndPort() throws Exception {
        DockerConfigCredentials source = config("{\"auths\":{\"https://registry.example.com:5000\":"
                + "{\"username\":\"u\",\"password\":\"p\"}}}");

        assertEquals("u", source.lookup("registry.example.com:5000", "team/app").orElseThrow().username());
        assertTrue(source.lookup("registry.example.com", "team/app").isEmpty(), "another port is another registry");
        assertTrue(source.lookup("ghcr.io", "team/app").isEmpty());
    }

    @Test
    void missingFileMeansAnonymous() throws Exception {
        DockerConfigCredentials source =
                DockerConfigCredentials.fromEnvironment(Map.of("DOCKER_CONFIG", dir.resolve("none").toString()), "/x");

        assertTrue(source.lookup("docker.io", "team/app").isEmpty());
    }

    @Test
    void malformedFileIsAnErrorThatDoesNotQuoteIt() throws Exception {
        DockerConfigCredentials source = config("{\"auths\": {\"x\": \"secret-value");

        CredentialException error = assertThrows(CredentialException.class, () -> source.lookup("x", "team/app"));

        assertTrue(error.getMessage().contains("truncated JSON (at line 1, column "), error.getMessage());
        assertFalse(error.getMessage().contains("secret-value"));
    }

    @Test
    void credentialsNeverShowTheirPassword() {
        Credentials credentials = new Credentials("u", "hunter2", "--creds");

        assertFalse(credentials.toString().contains("hunter2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"})
    void everyDockerHubKeyServesDockerIo(String key) throws Exception {
        DockerConfigCredentials source = config("{\"auths\":{\"" + key + "\":{\"auth\":\"" + auth("hub:pw") + "\"}}}");

        assertEquals("hub", source.lookup("docker.io", "library/alpine").orElseThrow().username());
        assertEquals("hub", source.lookup("index.docker.io", "library/alpine").orElseThrow().username());
    }

    @Test
    void theKeyDockerLoginWritesWinsAmongDockerHubKeys() throws Exception {
        DockerConfigCredentials source = config("{\"auths\":{"
                + "\"docker.io\":{\"auth\":\"" + auth("other:pw") + "\"},"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("login:pw") + "\"}}}");

        assertEquals("login", source.lookup("docker.io", "a/b").orElseThrow().username());
    }

    @Test
    void legacyKeysWithAPathMatchByHost() throws Exception {
        DockerConfigCredentials source = config("{\"auths\":{\"https://registry.example.com/v2/\":"
                + "{\"auth\":\"" + auth("legacy:pw") + "\"}}}");

        assertEquals("legacy", source.lookup("registry.example.com", "team/app").orElseThrow().username());
    }

    @Test
    void credHelperForTheHostWinsOverAuths() throws Exception {
        FakeCredentialHelper.answering(dir, "fake", "from-helper", "helper-secret");
        DockerConfigCredentials source = config("{\"credHelpers\":{\"ghcr.io\":\"fake\"},"
                + "\"auths\":{\"ghcr.io\":{\"auth\":\"" + auth("from-auths:pw") + "\"}}}");

        Credentials found = source.lookup("ghcr.io", "team/app").orElseThrow();

        assertEquals("from-helper", found.username());
        assertEquals("helper-secret", found.secret());
        assertEquals("docker-credential-fake (credHelpers in " + dir.resolve("config.json") + ")", found.source());
    }

    @Test
    void credsStoreServesHostsWithoutTheirOwnHelper() throws Exception {
        FakeCredentialHelper.answering(dir, "store", "from-store", "pw");
        FakeCredentialHelper.answering(dir, "gcr", "from-gcr", "pw");
        DockerConfigCredentials source = config("{\"credsStore\":\"store\",\"credHelpers\":{\"gcr.io\":\"gcr\"}}");

        assertEquals("from-store", source.lookup("ghcr.io", "a/b").orElseThrow().username());
        assertTrue(source.lookup("ghcr.io", "a/b").orElseThrow().source().startsWith("docker-credential-store (credsStore"));
        assertEquals("from-gcr", source.lookup("gcr.io", "a/b").orElseThrow().username());
    }

    @Test
    void credsStoreWithoutCredentialsMeansAnonymousEvenWithAnAuthsPlaceholder() throws Exception {
        FakeCredentialHelper.notFound(dir, "store");
        DockerConfigCredentials source = config("{\"credsStore\":\"store\",\"auths\":{\"ghcr.io\":{}}}");

        assertTrue(source.lookup("ghcr.io", "a/b").isEmpty());
    }

    @Test
    void helpersAreAskedForDockerHubByTheUrlDockerLoginStores() throws Exception {
        FakeCredentialHelper.answering(dir, "store", "hub", "pw");
        DockerConfigCredentials source = config("{\"credsStore\":\"store\"}");

        source.lookup("docker.io", "library/alpine");

        assertEquals("https://index.docker.io/v1/", FakeCredentialHelper.asked(dir, "store"));
    }

    @Test
    void missingHelperIsAnErrorNamingIt() throws Exception {
        DockerConfigCredentials source = config("{\"credHelpers\":{\"ghcr.io\":\"not-installed\"}}");

        CredentialException error = assertThrows(CredentialException.class, () -> source.lookup("ghcr.io", "a/b"));

        assertTrue(error.getMessage().contains("docker-credential-not-installed"), error.getMessage());
    }

    @Test
    void identityTokenEntryKeepsTheUsernameOfItsAuth() throws Exception {
        DockerConfigCredentials source = config("{\"auths\":{\"example.azurecr.io\":{\"auth\":\""
                + auth("00000000-0000-0000-0000-000000000000:") + "\",\"identitytoken\":\"refresh-me\"}}}");

        Credentials found = source.lookup("example.azurecr.io", "a/b").orElseThrow();

        assertEquals(Credentials.Kind.IDENTITY_TOKEN, found.kind());
        assertEquals("00000000-0000-0000-0000-000000000000", found.username());
        assertEquals("refresh-me", found.secret());
    }

    @Test
    void registryTokenEntryIsUsedAsIs() throws Exception {
        DockerConfigCredentials source = config("{\"auths\":{\"r.example.com\":{\"registrytoken\":\"ready-token\"}}}");

        Credentials found = source.lookup("r.example.com", "a/b").orElseThrow();

        assertEquals(Credentials.Kind.REGISTRY_TOKEN, found.kind());
        assertEquals("ready-token", found.secret());
    }

    @Test
    void tokensNeverShowInToString() {
        assertFalse(Credentials.identityToken("u", "refresh-me", "x").toString().contains("refresh-me"));
        assertFalse(Credentials.registryToken("ready-token", "x").toString().contains("ready-token"));
    }
}
