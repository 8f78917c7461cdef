package dev.labels.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file's credentials win: the auth file (explicit, $REGISTRY_AUTH_FILE, podman's), then Docker's. */
class CredentialSourcesTest {
    @TempDir
    Path home;

    private Path write(String relative, String user) throws Exception {
        Path file = home.resolve(relative);
        Files.createDirectories(file.getParent());
        String auth = Base64.getEncoder().encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + auth + "\"}}}");
        return file;
    }

    private String userFor(Map<String, String> env, Path authFile) throws Exception {
        return CredentialSources.fromEnvironment(env, home.toString(), authFile).lookup("ghcr.io", "team/app")
                .map(Credentials::username).orElse("anonymous");
    }

    @Test
    void dockerConfigIsReadWhenNoAuthFileHasTheRegistry() throws Exception {
        write(".docker/config.json", "docker");

        assertEquals("docker", userFor(Map.of(), null));
    }

    @Test
    void containersAuthFileInXdgConfigHomeComesBeforeDockerConfig() throws Exception {
        write(".docker/config.json", "docker");
        write(".config/containers/auth.json", "podman");

        assertEquals("podman", userFor(Map.of(), null));
    }

    @Test
    void runtimeDirAuthFileComesBeforeTheConfigHomeOne() throws Exception {
        write(".config/containers/auth.json", "config-home");
        write("run/containers/auth.json", "runtime");

        assertEquals("runtime", userFor(Map.of("XDG_RUNTIME_DIR", home.resolve("run").toString()), null));
    }

    @Test
    void registryAuthFileReplacesTheDefaultAuthFiles() throws Exception {
        write("run/containers/auth.json", "runtime");
        Path explicit = write("elsewhere/auth.json", "env");
        Map<String, String> env = new HashMap<>();
        env.put("XDG_RUNTIME_DIR", home.resolve("run").toString());
        env.put("REGISTRY_AUTH_FILE", explicit.toString());

        assertEquals("env", userFor(env, null));
    }

    @Test
    void authfileOptionBeatsRegistryAuthFile() throws Exception {
        Path fromEnv = write("env/auth.json", "env");
        Path option = write("option/auth.json", "option");

        assertEquals("option", userFor(Map.of("REGISTRY_AUTH_FILE", fromEnv.toString()), option));
    }

    @Test
    void authFileOrderFollowsContainersImage() {
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "XDG_CONFIG_HOME", "/cfg");

        assertEquals(List.of(Path.of("/run/user/1000/containers/auth.json"), Path.of("/cfg/containers/auth.json")),
                CredentialSources.authFiles(env, "/home/u", null));
        assertEquals(List.of(Path.of("/home/u/.config/containers/auth.json")),
                CredentialSources.authFiles(Map.of(), "/home/u", null));
    }

    @Test
    void credentialsGivenForTheRegistryAreNotOfferedToItsMirrorsWhichGetTheirOwnHosts() throws Exception {
        CredentialSource files = (registry, repository) -> registry.equals("mirror.example.com")
                ? Optional.of(new Credentials("mirror-user", "pw", "config.json"))
                : Optional.empty();
        CredentialSource given = new StaticCredentials(new Credentials("ci", "secret", "--creds"), files);

        assertEquals("ci", given.lookup("ghcr.io", "team/app").orElseThrow().username());
        assertEquals("mirror-user", given.forMirror().lookup("mirror.example.com", "team/app").orElseThrow().username());
        assertEquals(Optional.empty(), given.forMirror().lookup("other.example.com", "team/app"));
        assertEquals(Optional.empty(), new StaticCredentials(new Credentials("ci", "secret", "--creds"),
                CredentialSource.ANONYMOUS)
                .forMirror().lookup("mirror.example.com", "team/app"));
        CredentialSource chained = CredentialSource.ANONYMOUS.orElse(given);
        assertEquals("mirror-user", chained.forMirror().lookup("mirror.example.com", "team/app").orElseThrow().username(),
                "a chain offers a mirror what each of its sources would");
    }
}
