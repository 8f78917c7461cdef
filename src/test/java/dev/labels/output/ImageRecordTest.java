package dev.labels.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.image.ContainerConfig;
import dev.labels.image.ImageConfig;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** One line of batch output: its fields in the documented order, absent ones left out, a failure instead of labels. */
class ImageRecordTest {
    private static final JsonWriter JSON = new JsonWriter(true);
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    private static ResolvedImage image(Platform platform) {
        return new ResolvedImage("docker.io/library/app:1", DIGEST, null, platform,
                new ImageConfig(null, null, null, null, ContainerConfig.EMPTY), null, false, null);
    }

    private static TreeMap<String, String> labels() {
        return new TreeMap<>(Map.of("team", "dodo", "app.cpu", "1"));
    }

    @Test
    void anImagesRecordHasReferenceResolvedDigestPlatformAndLabelsInThatOrder() {
        ImageRecord record = ImageRecord.of("app:1", image(new Platform("linux", "arm64", "v8")), labels());

        assertFalse(record.failed());
        assertEquals("{\"reference\":\"app:1\",\"resolved\":\"docker.io/library/app:1\",\"digest\":\"" + DIGEST
                + "\",\"platform\":\"linux/arm64/v8\",\"labels\":{\"app.cpu\":\"1\",\"team\":\"dodo\"}}\n",
                JSON.write(record.toJson()));
    }

    @Test
    void anImageWithoutAPlatformHasNoPlatformField() {
        ImageRecord record = ImageRecord.of("app:1", image(null), labels());

        assertEquals(null, record.platform());
        assertFalse(record.toJson().containsKey("platform"));
    }

    @Test
    void labelsCanBeNested() {
        ImageRecord record = ImageRecord.of("app:1", image(null), labels());

        assertEquals(Map.of("app", Map.of("cpu", "1"), "team", "dodo"), record.toJson(true).get("labels"));
        assertEquals(labels(), record.toJson(false).get("labels"));
    }

    @Test
    void aFailedRecordHasTheErrorInsteadOfLabelsWithItsMessageEscaped() {
        ImageRecord record = ImageRecord.failed("app:1", "docker.io/library/app:1", "NOT_FOUND",
                "manifest unknown\n\u001b[2Jfake line");

        assertTrue(record.failed());
        assertEquals("{\"reference\":\"app:1\",\"resolved\":\"docker.io/library/app:1\",\"error\":{\"code\":"
                + "\"NOT_FOUND\",\"message\":\"manifest unknown\\\\n\\\\e[2Jfake line\"}}\n", JSON.write(record.toJson()));
    }

    @Test
    void aReferenceThatDidNotParseHasNoResolvedName() {
        ImageRecord record = ImageRecord.failed("Bad Ref", null, "INVALID_REFERENCE", "invalid");

        assertEquals(List.of("reference", "error"), List.copyOf(record.toJson().keySet()));
    }

    @Test
    void detailsComeBetweenPlatformAndLabelsAndMissingRequirementsAfterLabels() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("configDigest", DIGEST);
        details.put("user", "app");
        ImageRecord record = ImageRecord.of("app:1", image(new Platform("linux", "amd64", null)), labels())
                .withDetails(details).withMissing(List.of("version", "team=x"));

        assertEquals(List.of("reference", "resolved", "digest", "platform", "configDigest", "user", "labels", "missing"),
                List.copyOf(record.toJson().keySet()));
        assertEquals(List.of("version", "team=x"), record.toJson().get("missing"));
        assertEquals(details, record.withMissing(List.of()).details(), "each with keeps the other fields");
    }

    @Test
    void noMissingFieldWhenEveryRequirementIsMet() {
        ImageRecord record = ImageRecord.of("app:1", image(null), labels()).withMissing(List.of());

        assertEquals(List.of("reference", "resolved", "digest", "labels"), List.copyOf(record.toJson().keySet()));
        assertEquals(List.of(), new ImageRecord("a", null, null, null, labels(), null, null, null).missing());
    }

    @Test
    void aFailedRecordKeepsOnlyItsErrorWhateverWasAdded() {
        ImageRecord record = ImageRecord.failed("app:1", null, "UNAUTHORIZED", "denied")
                .withMissing(List.of("team")).withDetails(Map.of("user", "x"));

        assertEquals(List.of("reference", "error"), List.copyOf(record.toJson().keySet()));
        assertTrue(record.failed());
    }
}
