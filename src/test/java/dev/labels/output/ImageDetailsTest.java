package dev.labels.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labels.image.ContainerConfig;
import dev.labels.image.ImageAnnotations;
import dev.labels.image.ImageConfig;
import dev.labels.image.ResolvedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What --full adds: every field always there, env as an object, ports sorted, annotations by where they are. */
class ImageDetailsTest {
    private static final JsonWriter JSON = new JsonWriter(true);
    private static final String CONFIG = "sha256:" + "c".repeat(64);

    private static ResolvedImage image(ContainerConfig config, ImageAnnotations annotations) {
        return new ResolvedImage("app:1", null, CONFIG, null, new ImageConfig("2026-01-02T03:04:05Z", "linux", "amd64",
                null, config), annotations, false, null);
    }

    @Test
    void everyFieldInItsOrderEvenWhenTheImageHasNone() {
        Map<String, Object> details = ImageDetails.of(image(ContainerConfig.EMPTY, null));

        assertEquals("{\"configDigest\":\"" + CONFIG + "\",\"created\":\"2026-01-02T03:04:05Z\",\"user\":null,"
                + "\"workingDir\":null,\"entrypoint\":[],\"cmd\":[],\"env\":{},\"exposedPorts\":[],\"annotations\":{}}\n",
                JSON.write(details));
    }

    @Test
    void theConfigsFieldsAsTheImageHasThem() {
        Map<String, Object> ports = new LinkedHashMap<>();
        ports.put("8080/tcp", Map.of());
        ports.put("53/udp", Map.of());
        ports.put("443/tcp", Map.of());
        ContainerConfig config = new ContainerConfig(Map.of(), List.of(), List.of("/bin/app"), List.of("--serve"),
                "app:app", "/srv", ports);

        Map<String, Object> details = ImageDetails.of(image(config, null));

        assertEquals("app:app", details.get("user"));
        assertEquals("/srv", details.get("workingDir"));
        assertEquals(List.of("/bin/app"), details.get("entrypoint"));
        assertEquals(List.of("--serve"), details.get("cmd"));
        assertEquals(List.of("443/tcp", "53/udp", "8080/tcp"), details.get("exposedPorts"), "sorted as text");
    }

    @Test
    void envIsSplitAtTheFirstEqualsAndARepeatedNameKeepsItsLastValueInItsLastPlace() {
        ContainerConfig config = new ContainerConfig(Map.of(), List.of("PATH=/bin", "A=x=y", "BARE", "EMPTY=",
                "=v", "PATH=/usr/bin"), List.of(), List.of(), null, null, Map.of());

        Object env = ImageDetails.of(image(config, null)).get("env");

        assertEquals("{\"A\":\"x=y\",\"BARE\":\"\",\"EMPTY\":\"\",\"\":\"v\",\"PATH\":\"/usr/bin\"}\n", JSON.write(env));
    }

    @Test
    void annotationsAreGroupedByWhereTheyAreSortedAndAnAbsentPartLeftOut() {
        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put("z", "1");
        manifest.put("a", "2");
        ImageAnnotations annotations = new ImageAnnotations(Map.of("i", "3"), null, manifest);

        Object parts = ImageDetails.of(image(ContainerConfig.EMPTY, annotations)).get("annotations");

        assertEquals("{\"index\":{\"i\":\"3\"},\"manifest\":{\"a\":\"2\",\"z\":\"1\"}}\n", JSON.write(parts));
        assertEquals("{\"descriptor\":{}}\n", JSON.write(ImageDetails.of(image(ContainerConfig.EMPTY,
                new ImageAnnotations(null, Map.of(), null))).get("annotations")), "an empty part is still there");
    }
}
