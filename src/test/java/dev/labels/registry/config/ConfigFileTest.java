package dev.labels.registry.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigFileTest {
    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void everySettingOfARegistryIsRead() throws Exception {
        Path file = write("{\"registries\":{\"docker.io\":{\"mirrors\":[\"https://m1\",\"http://m2:5000\"],"
                + "\"insecure\":false,\"ca\":\"certs/ca.pem\"},\"localhost:5001\":{\"insecure\":true}}}");

        Map<String, RegistrySettings> settings = ConfigFile.read(file);

        assertEquals(List.of("https://m1", "http://m2:5000"), settings.get("docker.io").mirrors());
        assertEquals(dir.resolve("certs/ca.pem"), settings.get("docker.io").ca(), "relative to the file's folder");
        assertTrue(settings.get("localhost:5001").insecure());
    }

    @Test
    void defaultPathFollowsXdgConfigHome() {
        assertEquals(Path.of("/cfg/labels/config.json"), ConfigFile.defaultPath(Map.of("XDG_CONFIG_HOME", "/cfg"), "/home/u"));
        assertEquals(Path.of("/home/u/.config/labels/config.json"), ConfigFile.defaultPath(Map.of(), "/home/u"));
    }

    @Test
    void missingDefaultFileMeansNoSettingsButAMissingExplicitOneIsAnError() throws Exception {
        assertEquals(Map.of(), ConfigFile.load(null, Map.of("XDG_CONFIG_HOME", dir.toString()), "/x"));

        ConfigFileException error = assertThrows(ConfigFileException.class,
                () -> ConfigFile.load(dir.resolve("nope.json"), Map.of(), "/x"));
        assertTrue(error.getMessage().contains("nope.json does not exist"), error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{not json                                              | not JSON (at line 1, column ",
        "[]                                                     | not a JSON object",
        "{\"registry\":{}}                                      | unknown key \"registry\"",
        "{\"registries\":[]}                                    | \"registries\" must be an object",
        "{\"registries\":{\"docker.io\":{\"mirror\":[]}}}       | unknown key \"registries.docker.io.mirror\"",
        "{\"registries\":{\"docker.io\":{\"mirrors\":\"x\"}}}   | registries.docker.io.mirrors must be an array",
        "{\"registries\":{\"docker.io\":{\"mirrors\":[\"ftp://m\"]}}} | registries.docker.io.mirrors[0] is not an http:// or https:// URL",
        "{\"registries\":{\"docker.io\":{\"insecure\":\"yes\"}}} | registries.docker.io.insecure must be true or false",
        "{\"registries\":{\"docker.io\":{\"ca\":3}}}            | registries.docker.io.ca must be the path of a PEM file",
    })
    void invalidFilesNameTheFileAndTheProblem(String json, String problem) throws Exception {
        Path file = write(json);

        ConfigFileException error = assertThrows(ConfigFileException.class, () -> ConfigFile.read(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains(problem), error.getMessage());
    }
}
