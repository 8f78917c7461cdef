package dev.labels.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {
    @TempDir
    Path dir;

    private DockerConfigCredentials config(String json) throws Exception {
        Files.writeString(dir.resolve("config.json"), json);
        return DockerConfigCredentials.fromEnvironment(Map.of("DOCKER_CONFIG", dir.toString()), "/nonexistent");
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

        assertTrue(error.getMessage().contains("not valid JSON"), error.getMessage());
        assertFalse(error.getMessage().contains("secret-value"));
    }

    @Test
    void credentialsNeverShowTheirPassword() {
        Credentials credentials = new Credentials("u", "hunter2", "--creds");

        assertFalse(credentials.toString().contains("hunter2"));
    }
}
