package dev.labels.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFieldsTest {

    private static JsonNode json(String document) throws Exception {
        return Json.parse(document);
    }

    private static String shapeError(Executable read) {
        return assertThrows(JsonShapeException.class, read).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"f\": null}"})
    void absentAndNullFieldsReadAsNull(String document) throws Exception {
        JsonNode object = json(document);

        assertNull(JsonFields.text(object, "f"));
        assertNull(JsonFields.object(object, "f"));
        assertNull(JsonFields.objects(object, "f"));
        assertNull(JsonFields.texts(object, "f"));
        assertNull(JsonFields.textMap(object, "f"));
        assertNull(JsonFields.plainMap(object, "f"));
        assertEquals(0, JsonFields.wholeNumber(object, "f"));
    }

    @Test
    void textReadsStrings() throws Exception {
        assertEquals("caf\u00e9", JsonFields.text(json("{\"f\": \"caf\\u00e9\"}"), "f"));
        assertEquals("", JsonFields.text(json("{\"f\": \"\"}"), "f"));
    }

    @Test
    void numbersAndBooleansAreAcceptedAsText() throws Exception {
        JsonNode object = json("{\"int\": 5, \"big\": 12345678901234567890, \"fraction\": 1.5, \"yes\": true,"
                + " \"no\": false}");

        assertEquals("5", JsonFields.text(object, "int"));
        assertEquals("12345678901234567890", JsonFields.text(object, "big"));
        assertEquals("1.5", JsonFields.text(object, "fraction"));
        assertEquals("true", JsonFields.text(object, "yes"));
        assertEquals("false", JsonFields.text(object, "no"));
    }

    @Test
    void objectOrArrayWhereTextIsExpectedNamesTheField() throws Exception {
        String object = shapeError(() -> JsonFields.text(json("{\"User\": {\"name\": \"root\"}}"), "User"));
        assertTrue(object.contains("\"User\""), object);
        assertTrue(object.contains("an object"), object);

        String array = shapeError(() -> JsonFields.text(json("{\"User\": [\"root\"]}"), "User"));
        assertTrue(array.contains("\"User\""), array);
        assertTrue(array.contains("an array"), array);
    }

    @Test
    void wholeNumberReadsIntegralNumbers() throws Exception {
        JsonNode object = json("{\"int\": 7, \"long\": 5000000000, \"negative\": -3, \"min\": " + Long.MIN_VALUE
                + ", \"max\": " + Long.MAX_VALUE + ", \"point-zero\": 2.0, \"exponent\": 1e3}");

        assertEquals(7, JsonFields.wholeNumber(object, "int"));
        assertEquals(5_000_000_000L, JsonFields.wholeNumber(object, "long"));
        assertEquals(-3, JsonFields.wholeNumber(object, "negative"));
        assertEquals(Long.MIN_VALUE, JsonFields.wholeNumber(object, "min"));
        assertEquals(Long.MAX_VALUE, JsonFields.wholeNumber(object, "max"));
        assertEquals(2, JsonFields.wholeNumber(object, "point-zero"));
        assertEquals(1000, JsonFields.wholeNumber(object, "exponent"));
    }

    @Test
    void wholeNumberReadsNumericStrings() throws Exception {
        JsonNode object = json("{\"size\": \"1234\", \"padded\": \" 42 \", \"negative\": \"-9\"}");

        assertEquals(1234, JsonFields.wholeNumber(object, "size"));
        assertEquals(42, JsonFields.wholeNumber(object, "padded"));
        assertEquals(-9, JsonFields.wholeNumber(object, "negative"));
    }

    @Test
    void wholeNumberRejectsTextThatIsNotANumber() throws Exception {
        String message = shapeError(() -> JsonFields.wholeNumber(json("{\"size\": \"sEcReTmArKeR\"}"), "size"));

        assertTrue(message.contains("\"size\""), message);
        assertTrue(message.contains("text that is not a number"), message);
        assertFalse(message.contains("sEcReTmArKeR"), "the value is not quoted: " + message);
    }

    @Test
    void wholeNumberRejectsFractions() throws Exception {
        String message = shapeError(() -> JsonFields.wholeNumber(json("{\"size\": 1.5}"), "size"));

        assertTrue(message.contains("\"size\""), message);
    }

    @Test
    void wholeNumberRejectsNumbersTooLargeForADouble() throws Exception {
        assertTrue(shapeError(() -> JsonFields.wholeNumber(json("{\"size\": 1e400}"), "size")).contains("\"size\""));
        assertTrue(shapeError(() -> JsonFields.wholeNumber(json("{\"size\": -1e400}"), "size")).contains("\"size\""));
    }

    @Test
    void wholeNumberRejectsValuesBeyondLong() throws Exception {
        BigInteger beyond = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
        BigInteger below = BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE);

        assertTrue(shapeError(() -> JsonFields.wholeNumber(json("{\"size\": " + beyond + "}"), "size"))
                .contains("\"size\""));
        assertTrue(shapeError(() -> JsonFields.wholeNumber(json("{\"size\": " + below + "}"), "size"))
                .contains("\"size\""));
        assertTrue(shapeError(() -> JsonFields.wholeNumber(json("{\"size\": \"" + beyond + "\"}"), "size"))
                .contains("\"size\""));
        assertTrue(shapeError(() -> JsonFields.wholeNumber(json("{\"size\": 1e19}"), "size"))
                .contains("\"size\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "{}", "[1]"})
    void wholeNumberRejectsOtherTypes(String value) throws Exception {
        String message = shapeError(() -> JsonFields.wholeNumber(json("{\"size\": " + value + "}"), "size"));

        assertTrue(message.contains("\"size\""), message);
    }

    @Test
    void objectReturnsTheObjectAndRejectsOtherTypes() throws Exception {
        JsonNode object = json("{\"config\": {\"a\": 1}, \"text\": \"x\"}");

        assertEquals(json("{\"a\": 1}"), JsonFields.object(object, "config"));
        String message = shapeError(() -> JsonFields.object(object, "text"));
        assertTrue(message.contains("\"text\""), message);
    }

    @Test
    void textMapKeepsDocumentOrderAndNullValues() throws Exception {
        JsonNode object = json("{\"Labels\": {\"z\": \"1\", \"a\": null, \"m\": 2, \"b\": true}}");

        Map<String, String> labels = JsonFields.textMap(object, "Labels");

        assertEquals(List.of("z", "a", "m", "b"), new ArrayList<>(labels.keySet()));
        assertEquals("1", labels.get("z"));
        assertTrue(labels.containsKey("a"));
        assertNull(labels.get("a"));
        assertEquals("2", labels.get("m"));
        assertEquals("true", labels.get("b"));
    }

    @Test
    void textMapValueOfTheWrongTypeNamesTheEntry() throws Exception {
        String message = shapeError(() -> JsonFields.textMap(json("{\"Labels\": {\"a\": \"1\", \"sEcReTmArKeR\": {}}}"),
                "Labels"));

        assertTrue(message.contains("entry 2 of \"Labels\""), message);
        assertFalse(message.contains("sEcReTmArKeR"), "the key is not quoted: " + message);
    }

    @Test
    void textMapOfANonObjectThrows() throws Exception {
        String message = shapeError(() -> JsonFields.textMap(json("{\"Labels\": [\"a=b\"]}"), "Labels"));

        assertTrue(message.contains("\"Labels\""), message);
    }

    @Test
    void textsReadsAnArrayInOrderKeepingNulls() throws Exception {
        List<String> env = JsonFields.texts(json("{\"Env\": [\"B=2\", null, \"A=1\", 3]}"), "Env");

        assertEquals(Arrays.asList("B=2", null, "A=1", "3"), env);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"PATH=/bin\"", "{\"PATH\": \"/bin\"}", "1"})
    void textsOfANonArrayThrows(String value) throws Exception {
        String message = shapeError(() -> JsonFields.texts(json("{\"Env\": " + value + "}"), "Env"));

        assertTrue(message.contains("\"Env\""), message);
        assertTrue(message.contains("an array"), message);
    }

    @Test
    void textsElementOfTheWrongTypeNamesTheIndex() throws Exception {
        String message = shapeError(() -> JsonFields.texts(json("{\"Cmd\": [\"sh\", \"-c\", [\"x\"]]}"), "Cmd"));

        assertTrue(message.contains("\"Cmd[2]\""), message);
    }

    @Test
    void objectsReadsAnArrayOfObjectsKeepingNulls() throws Exception {
        List<JsonNode> manifests = JsonFields.objects(json("{\"manifests\": [{\"a\": 1}, null, {}]}"), "manifests");

        assertEquals(Arrays.asList(json("{\"a\": 1}"), null, json("{}")), manifests);
    }

    @Test
    void objectsElementThatIsNotAnObjectNamesTheIndex() throws Exception {
        String message = shapeError(() -> JsonFields.objects(json("{\"manifests\": [{}, \"sha256:abc\"]}"), "manifests"));

        assertTrue(message.contains("\"manifests[1]\""), message);
        assertTrue(message.contains("text"), message);
    }

    @Test
    void objectsOfANonArrayThrows() throws Exception {
        String message = shapeError(() -> JsonFields.objects(json("{\"manifests\": {}}"), "manifests"));

        assertTrue(message.contains("\"manifests\""), message);
    }

    @Test
    void plainConvertsNestedTreesToJavaValues() throws Exception {
        JsonNode tree = json("{\"text\": \"x\", \"int\": 1, \"long\": 5000000000, \"big\": 12345678901234567890,"
                + " \"fraction\": 1.5, \"yes\": true, \"nothing\": null,"
                + " \"list\": [1, \"a\", null, [false]], \"object\": {\"z\": {}, \"a\": []}}");

        Object plain = JsonFields.plain(tree);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("text", "x");
        expected.put("int", 1);
        expected.put("long", 5_000_000_000L);
        expected.put("big", new BigInteger("12345678901234567890"));
        expected.put("fraction", 1.5);
        expected.put("yes", true);
        expected.put("nothing", null);
        expected.put("list", Arrays.asList(1, "a", null, List.of(false)));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", Map.of());
        nested.put("a", List.of());
        expected.put("object", nested);
        assertEquals(expected, plain);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(((Map<?, ?>) plain).keySet()));
        assertEquals(List.of("z", "a"), new ArrayList<>(((Map<?, ?>) ((Map<?, ?>) plain).get("object")).keySet()));
    }

    @Test
    void plainOfNothingIsNull() throws Exception {
        assertNull(JsonFields.plain(null));
        assertNull(JsonFields.plain(json("null")));
        assertNull(JsonFields.plain(json("")));
    }

    @Test
    void plainMapKeepsTheFieldsObjectAsJavaValues() throws Exception {
        Map<String, Object> volumes = JsonFields.plainMap(json("{\"Volumes\": {\"/data\": {}, \"/logs\": null}}"),
                "Volumes");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("/data", Map.of());
        expected.put("/logs", null);
        assertEquals(expected, volumes);
        assertTrue(shapeError(() -> JsonFields.plainMap(json("{\"Volumes\": [\"/data\"]}"), "Volumes"))
                .contains("\"Volumes\""));
    }

    // Go's encoding/json, which Docker and skopeo decode configs with: keys name fields whatever their case,
    // and every occurrence of a field is decoded in document order.

    @ParameterizedTest
    @ValueSource(strings = {"Labels", "labels", "LABELS", "lAbElS", "Label\u017f"})
    void aKeyNamesTheFieldWhateverItsCaseAsGoFoldsIt(String key) throws Exception {
        assertEquals(Map.of("a", "1"), JsonFields.textMap(json("{\"" + key + "\": {\"a\": \"1\"}}"), "Labels"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"conf\u0131g", "CONF\u0130G", "config ", "confi", "configs"})
    void onlyGoCaseFoldingMatchesNotJavasNorAnyOther(String key) throws Exception {
        assertNull(JsonFields.object(json("{\"" + key + "\": {}}"), "config"));
    }

    @Test
    void theKelvinSignFoldsToKAsInGo() throws Exception {
        assertEquals("/srv", JsonFields.text(json("{\"Wor\u212aingDir\": \"/srv\"}"), "WorkingDir"));
    }

    @Test
    void textTakesTheLastOccurrenceAndANullChangesNothing() throws Exception {
        assertEquals("b", JsonFields.text(json("{\"User\": \"a\", \"user\": \"b\"}"), "User"));
        assertEquals("b", JsonFields.text(json("{\"User\": \"a\", \"User\": \"b\"}"), "User"));
        assertEquals("a", JsonFields.text(json("{\"User\": \"a\", \"user\": null}"), "User"));
        assertEquals(5, JsonFields.wholeNumber(json("{\"size\": 4, \"Size\": 5, \"SIZE\": null}"), "size"));
    }

    @Test
    void mapsMergeAcrossOccurrencesTheLastValueOfAKeyWinning() throws Exception {
        JsonNode config = json("{\"Labels\": {\"approved\": \"no\", \"team\": \"x\"}, \"labels\": {\"approved\": \"yes\"}}");

        assertEquals(Map.of("approved", "yes", "team", "x"), JsonFields.textMap(config, "Labels"));
        assertEquals(Map.of("approved", "yes", "team", "x"), JsonFields.plainMap(config, "Labels"));
    }

    @Test
    void aNullMapClearsWhatEarlierOccurrencesSet() throws Exception {
        JsonNode config = json("{\"Labels\": {\"a\": \"1\"}, \"labels\": null, \"LABELS\": {\"b\": \"2\"}}");

        assertEquals(Map.of("b", "2"), JsonFields.textMap(config, "Labels"));
        assertNull(JsonFields.textMap(json("{\"Labels\": {\"a\": \"1\"}, \"Labels\": null}"), "Labels"));
    }

    @Test
    void objectsMergeFieldByFieldAcrossOccurrencesIncludingExactDuplicates() throws Exception {
        JsonNode root = json("{\"config\": {\"Labels\": {\"a\": \"1\"}, \"User\": \"u\"},"
                + " \"config\": {\"labels\": {\"b\": \"2\"}, \"Env\": [\"X=1\"]},"
                + " \"Config\": {\"user\": \"v\"}}");

        JsonNode config = JsonFields.object(root, "config");

        assertEquals(Map.of("a", "1", "b", "2"), JsonFields.textMap(config, "Labels"));
        assertEquals("v", JsonFields.text(config, "User"));
        assertEquals(List.of("X=1"), JsonFields.texts(config, "Env"));
    }

    @Test
    void aNullObjectChangesNothingAsForAGoStructHeldByValue() throws Exception {
        JsonNode root = json("{\"config\": {\"Labels\": {\"a\": \"1\"}}, \"Config\": null}");

        assertEquals(Map.of("a", "1"), JsonFields.textMap(JsonFields.object(root, "config"), "Labels"));
    }

    @Test
    void arraysAreReplacedByTheLastOccurrence() throws Exception {
        assertEquals(List.of("b"), JsonFields.texts(json("{\"Env\": [\"a\", \"c\"], \"env\": [\"b\"]}"), "Env"));
        assertNull(JsonFields.texts(json("{\"Env\": [\"a\"], \"ENV\": null}"), "Env"));
        assertEquals(1, JsonFields.objects(json("{\"layers\": [{}, {}], \"Layers\": [{}]}"), "layers").size());
    }

    @Test
    void anOccurrenceOfTheWrongTypeIsAnErrorEvenWhenALaterOneIsRight() throws Exception {
        String message = shapeError(() -> JsonFields.textMap(json("{\"labels\": [1], \"Labels\": {}}"), "Labels"));

        assertTrue(message.contains("\"Labels\""), message);
    }
}
