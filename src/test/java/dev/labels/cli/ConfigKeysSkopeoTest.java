package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labels.testing.FixtureMediaTypes;
import dev.labels.testing.FixturePusher;
import dev.labels.testing.LocalRegistry;
import dev.labels.testing.Skopeo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Docker and skopeo read a config with Go's encoding/json: a key names a field whatever its case, every
 * occurrence of a field is decoded in document order, objects merge into what earlier ones set and a JSON
 * null clears a map. A config that spells {@code config} or {@code Labels} twice must give the labels
 * skopeo reports, not another answer: the real registry holds each config as it is written here, byte for
 * byte, under both config media types.
 */
class ConfigKeysSkopeoTest {
    private static final String REPOSITORY = "parity/app";
    private static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar";
    private static LocalRegistry registry;
    private static FixturePusher pusher;
    private static String layerDigest;
    private static final byte[] LAYER = new byte[1024];

    @BeforeAll
    static void start() {
        registry = LocalRegistry.start(LocalRegistry.Mode.ANONYMOUS);
        pusher = new FixturePusher(registry);
        layerDigest = pusher.pushBlob(REPOSITORY, LAYER);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static final String PLATFORM = "\"architecture\":\"amd64\",\"os\":\"linux\",";
    private static final String ROOTFS = ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";

    static Stream<Arguments> configs() {
        List<Arguments> cases = new ArrayList<>();
        Map<String, Object[]> each = new java.util.LinkedHashMap<>();
        each.put("Labels then labels: the last wins", new Object[] {
            "\"config\":{\"Labels\":{\"approved\":\"no\"},\"labels\":{\"approved\":\"yes\"}}", Map.of("approved", "yes")});
        each.put("labels then Labels merge", new Object[] {
            "\"config\":{\"labels\":{\"a\":\"1\"},\"Labels\":{\"b\":\"2\"}}", Map.of("a", "1", "b", "2")});
        each.put("config twice, exact case: merged", new Object[] {
            "\"config\":{\"Labels\":{\"a\":\"1\",\"c\":\"x\"}},\"config\":{\"Labels\":{\"b\":\"2\",\"c\":\"y\"}}",
            Map.of("a", "1", "b", "2", "c", "y")});
        each.put("a second config without Labels keeps the first's", new Object[] {
            "\"config\":{\"Labels\":{\"a\":\"1\"}},\"config\":{\"User\":\"me\"}", Map.of("a", "1")});
        each.put("config and Config merge", new Object[] {
            "\"config\":{\"Labels\":{\"a\":\"1\"}},\"Config\":{\"Labels\":{\"b\":\"2\"}}", Map.of("a", "1", "b", "2")});
        each.put("upper case only", new Object[] {
            "\"CONFIG\":{\"LABELS\":{\"b\":\"2\"}}", Map.of("b", "2")});
        each.put("a null Labels clears the earlier ones", new Object[] {
            "\"config\":{\"Labels\":{\"a\":\"1\"},\"labels\":null}", Map.of()});
        each.put("a null label value after a value reads as empty", new Object[] {
            "\"config\":{\"Labels\":{\"a\":\"1\"},\"labels\":{\"a\":null}}", Map.of("a", "")});
        each.put("long s folds to s, as in Go", new Object[] {
            "\"config\":{\"Label\u017f\":{\"a\":\"1\"}}", Map.of("a", "1")});
        each.put("dotless i does not fold to i", new Object[] {
            "\"conf\u0131g\":{\"Labels\":{\"a\":\"1\"}}", Map.of()});
        for (String type : List.of(FixtureMediaTypes.OCI_CONFIG, FixtureMediaTypes.DOCKER_CONFIG)) {
            each.forEach((name, spec) -> cases.add(Arguments.of(name, type, spec[0], spec[1])));
        }
        // image-spec's Image holds config by value, where a null does nothing. skopeo reads Docker's config type
        // into a struct that holds it by pointer, where a null clears it: that one case is left out, and labels
        // reads both types as image-spec (and containerd) does.
        cases.add(Arguments.of("a null config after a config does nothing", FixtureMediaTypes.OCI_CONFIG,
                "\"config\":{\"Labels\":{\"a\":\"1\"}},\"Config\":null", Map.of("a", "1")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("configs")
    void labelsMatchSkopeo(String name, String configType, String fields, Map<String, String> expected) {
        byte[] config = ("{" + PLATFORM + fields + ROOTFS).getBytes(StandardCharsets.UTF_8);
        String configDigest = pusher.pushBlob(REPOSITORY, config);
        String manifestType = configType.equals(FixtureMediaTypes.OCI_CONFIG)
                ? FixtureMediaTypes.OCI_MANIFEST : FixtureMediaTypes.DOCKER_MANIFEST;
        String layerType = configType.equals(FixtureMediaTypes.OCI_CONFIG) ? LAYER_TYPE : FixtureMediaTypes.DOCKER_LAYER;
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + manifestType + "\",\"config\":{\"mediaType\":\""
                + configType + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{"
                + "\"mediaType\":\"" + layerType + "\",\"digest\":\"" + layerDigest + "\",\"size\":" + LAYER.length
                + "}]}").getBytes(StandardCharsets.UTF_8);
        String digest = pusher.pushManifest(REPOSITORY, FixturePusher.sha256(manifest), manifestType, manifest);
        String reference = REPOSITORY + "@" + digest;

        Map<String, String> skopeo = Skopeo.labels(registry.host(), reference, Skopeo.Options.anonymous());
        CliRun labels = CliRun.run("inspect", registry.host() + "/" + reference);

        assertEquals(0, labels.exitCode(), labels::toString);
        assertEquals(expected, skopeo, "skopeo reads the config as described");
        assertEquals(skopeo, labels.labels());
    }
}
