package dev.labels.image;

import static dev.labels.image.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageConfigTest {

    @Test
    void parsesBuildxConfigWithDockerCapitalizedNames() throws Exception {
        ImageConfig c = ImageConfig.parse(Fixtures.bytes("config-buildx.json"));
        assertEquals("2024-05-02T10:14:31.123456789Z", c.created());
        assertEquals(new Platform("linux", "arm64", "v8"), c.platform());
        ContainerConfig cc = c.config();
        assertEquals(List.of("org.opencontainers.image.source", "org.opencontainers.image.version",
                "org.opencontainers.image.revision"), new ArrayList<>(c.labels().keySet()), "declaration order kept");
        assertEquals("1.4.2", c.labels().get("org.opencontainers.image.version"));
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP_HOME=/app"), cc.env());
        assertEquals(List.of("/app/bin/server"), cc.entrypoint());
        assertEquals(List.of("--port", "8080"), cc.cmd());
        assertEquals("app", cc.user());
        assertEquals("/app", cc.workingDir());
        assertEquals(List.of("8080/tcp"), new ArrayList<>(cc.exposedPorts().keySet()));
    }

    @Test
    void labelsNullGivesEmptyMap() throws Exception {
        ImageConfig c = ImageConfig.parse(utf8("""
                {"os": "linux", "architecture": "amd64", "config": {"Labels": null, "Env": ["A=1"]}}"""));
        assertEquals(Map.of(), c.labels());
        assertEquals(List.of("A=1"), c.config().env());
    }

    @Test
    void labelsAbsentGivesEmptyMap() throws Exception {
        assertEquals(Map.of(), ImageConfig.parse(utf8("{\"os\":\"linux\",\"config\":{\"Cmd\":[\"sh\"]}}")).labels());
    }

    @Test
    void labelsEmptyObjectGivesEmptyMap() throws Exception {
        assertEquals(Map.of(), ImageConfig.parse(utf8("{\"config\":{\"Labels\":{}}}")).labels());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"os\":\"linux\"}", "{\"os\":\"linux\",\"config\":null}"})
    void configAbsentOrNullGivesEmptyConfigAndLabels(String json) throws Exception {
        ImageConfig c = ImageConfig.parse(utf8(json));
        assertSame(ContainerConfig.EMPTY, c.config());
        assertEquals(Map.of(), c.labels());
        assertEquals(List.of(), c.config().cmd());
        assertNull(c.config().user());
    }

    @Test
    void labelWithJsonNullValueReadsAsEmptyString() throws Exception {
        ImageConfig c = ImageConfig.parse(utf8("{\"config\":{\"Labels\":{\"a\":null,\"b\":\"x\"}}}"));
        assertEquals("", c.labels().get("a"));
        assertEquals("x", c.labels().get("b"));
    }

    @Test
    void unicodeAndNewlinesInLabelValuesSurviveIntact() throws Exception {
        ImageConfig c = ImageConfig.parse(utf8("""
                {"config": {"Labels": {
                  "description": "line one\\nline two\\r\\n\\ttabbed",
                  "author": "Zoë Ångström 山田 🐳",
                  "escaped": "caf\\u00e9 \\ud83d\\ude80",
                  "org.example.emoji🏷": "ok"
                }}}"""));
        assertEquals("line one\nline two\r\n\ttabbed", c.labels().get("description"));
        assertEquals("Zoë Ångström 山田 🐳", c.labels().get("author"));
        assertEquals("café 🚀", c.labels().get("escaped"));
        assertEquals("ok", c.labels().get("org.example.emoji🏷"));
    }

    @Test
    void numericLabelValueIsCoercedToText() throws Exception {
        assertEquals("3", ImageConfig.parse(utf8("{\"config\":{\"Labels\":{\"n\":3}}}")).labels().get("n"));
    }

    @Test
    void keysOfAnyCaseAndRepeatedKeysAreReadAsDockerReadsThem() throws Exception {
        ImageConfig lastWins = ImageConfig.parse(utf8(
                "{\"config\": {\"Labels\": {\"approved\": \"no\"}, \"labels\": {\"approved\": \"yes\"}}}"));
        ImageConfig merged = ImageConfig.parse(utf8("{\"config\": {\"Labels\": {\"a\": \"1\"}, \"User\": \"x\"},"
                + " \"Config\": {\"labels\": {\"b\": \"2\"}}, \"ARCHITECTURE\": \"arm64\"}"));

        assertEquals(Map.of("approved", "yes"), lastWins.labels());
        assertEquals(Map.of("a", "1", "b", "2"), merged.labels());
        assertEquals("x", merged.config().user());
        assertEquals("arm64", merged.architecture());
    }

    @Test
    void labelsAreUnmodifiable() throws Exception {
        Map<String, String> labels = ImageConfig.parse(utf8("{\"config\":{\"Labels\":{\"a\":\"b\"}}}")).labels();
        assertThrows(UnsupportedOperationException.class, () -> labels.put("c", "d"));
    }

    @Test
    void malformedConfigsAreReported() {
        assertEquals("image config is empty",
                assertThrows(MalformedImageException.class, () -> ImageConfig.parse(new byte[0])).getMessage());
        assertTrue(assertThrows(MalformedImageException.class, () -> ImageConfig.parse(utf8("<html>")))
                .getMessage().startsWith("image config is not JSON (at line 1, column "));
        assertTrue(assertThrows(MalformedImageException.class, () -> ImageConfig.parse(utf8("{\"config\":{\"Labels\":")))
                .getMessage().startsWith("image config is truncated JSON"));
        assertEquals("invalid image config: \"config\" must be an object, got text",
                assertThrows(MalformedImageException.class, () -> ImageConfig.parse(utf8("{\"config\":\"x\"}"))).getMessage());
        assertTrue(assertThrows(MalformedImageException.class,
                () -> ImageConfig.parse(utf8("{\"config\":{\"Labels\":[\"a=b\"]}}"))).getMessage().startsWith("invalid image config: "));
    }

    @Test
    void schema1LabelsComeFromTopHistoryEntryConfig() throws Exception {
        Schema1Manifest m = (Schema1Manifest) Manifests.parse(Fixtures.bytes("schema1-signed.json"), MediaTypes.DOCKER_SCHEMA1_SIGNED);
        ImageConfig c = ImageConfig.fromSchema1(m);
        // Not container_config's labels (that is the build container), and not the base layer's.
        assertEquals(Map.of("maintainer", "Docker <docker@docker.com>", "com.example.version", "1.0"), c.labels());
        assertEquals("linux", c.os());
        assertEquals("amd64", c.architecture());
        assertEquals("2014-12-31T22:57:59.178729048Z", c.created());
        assertEquals(List.of("/hello"), c.config().cmd());
    }

    @Test
    void schema1ArchitectureFallsBackToManifestField() throws Exception {
        Schema1Manifest m = new Schema1Manifest(MediaTypes.DOCKER_SCHEMA1, "x", "1", "arm",
                List.of("{\"os\":\"linux\",\"config\":{\"Labels\":{\"k\":\"v\"}}}"));
        ImageConfig c = ImageConfig.fromSchema1(m);
        assertEquals("arm", c.architecture());
        assertEquals(Map.of("k", "v"), c.labels());
    }

    @Test
    void schema1WithoutHistoryOrWithBadV1CompatibilityIsMalformed() {
        Schema1Manifest none = new Schema1Manifest(MediaTypes.DOCKER_SCHEMA1, "x", "1", "amd64", List.of());
        assertEquals("schema 1 manifest has no history, so no config",
                assertThrows(MalformedImageException.class, () -> ImageConfig.fromSchema1(none)).getMessage());
        Schema1Manifest bad = new Schema1Manifest(MediaTypes.DOCKER_SCHEMA1, "x", "1", "amd64", List.of("{\"id\":"));
        assertTrue(assertThrows(MalformedImageException.class, () -> ImageConfig.fromSchema1(bad))
                .getMessage().startsWith("schema 1 v1Compatibility is truncated JSON"));
    }
}
