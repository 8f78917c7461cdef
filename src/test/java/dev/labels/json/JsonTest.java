package dev.labels.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static JsonNode parseBoth(String document) throws Exception {
        JsonNode fromText = Json.parse(document);
        assertEquals(fromText, Json.parse(document.getBytes(StandardCharsets.UTF_8)), "bytes and text read alike");
        return fromText;
    }

    private static List<String> keys(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    @Test
    void objectsAndArraysBecomeTreesInDocumentOrder() throws Exception {
        JsonNode tree = parseBoth("{\"z\": [1, \"two\", {\"k\": null}], \"a\": {}, \"m\": []}");

        ObjectNode expected = NODES.objectNode();
        ArrayNode items = expected.putArray("z");
        items.add(1).add("two").addObject().putNull("k");
        expected.putObject("a");
        expected.putArray("m");
        assertEquals(expected, tree);
        assertEquals(List.of("z", "a", "m"), keys(tree));
    }

    @Test
    void scalarsBecomeNodesOfTheirType() throws Exception {
        assertEquals(NODES.textNode("caf\u00e9 \n \ud83d\ude80"), parseBoth("\"caf\\u00e9 \\n \ud83d\ude80\""));
        assertEquals(NODES.numberNode(42), parseBoth("42"));
        assertEquals(NODES.numberNode(-7), parseBoth("-7"));
        assertEquals(NODES.booleanNode(true), parseBoth("true"));
        assertEquals(NODES.booleanNode(false), parseBoth("false"));
        assertEquals(NODES.nullNode(), parseBoth("null"));
    }

    @Test
    void integersKeepEveryDigitAtEachSize() throws Exception {
        JsonNode small = parseBoth(Integer.toString(Integer.MAX_VALUE));
        assertTrue(small.isInt(), small.getNodeType().toString());
        assertEquals(Integer.MAX_VALUE, small.intValue());

        long beyondInt = Integer.MAX_VALUE + 1L;
        JsonNode large = parseBoth(Long.toString(beyondInt));
        assertTrue(large.isLong(), large.getNodeType().toString());
        assertEquals(beyondInt, large.longValue());

        BigInteger beyondLong = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE).multiply(BigInteger.TEN);
        JsonNode huge = parseBoth(beyondLong.toString());
        assertTrue(huge.isBigInteger(), huge.getNodeType().toString());
        assertEquals(beyondLong, huge.bigIntegerValue());
    }

    @Test
    void fractionsAndExponentsAreFloatingPoint() throws Exception {
        JsonNode fraction = parseBoth("1.5");
        assertTrue(fraction.isFloatingPointNumber(), fraction.getNodeType().toString());
        assertEquals(1.5, fraction.doubleValue());
        assertEquals(-2500.0, parseBoth("-2.5e3").doubleValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "  \n\t\r  "})
    void emptyOrWhitespaceOnlyDocumentIsMissing(String document) throws Exception {
        assertSame(MissingNode.getInstance(), Json.parse(document));
        assertSame(MissingNode.getInstance(), Json.parse(document.getBytes(StandardCharsets.UTF_8)));
    }

    // Each of these is a sequence of whole values that jackson-core itself reads without complaint.
    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{\"a\":1}\n{\"b\":2}", "1 2", "[] []", "\"a\" \"b\"", "null null", "true false"})
    void contentAfterTheValueIsRejected(String document) {
        assertEquals(JsonSyntaxException.Kind.CONTENT_AFTER_VALUE,
                assertThrows(JsonSyntaxException.class, () -> Json.parse(document)).kind());
        assertEquals(JsonSyntaxException.Kind.CONTENT_AFTER_VALUE,
                assertThrows(JsonSyntaxException.class, () -> Json.parse(document.getBytes(StandardCharsets.UTF_8))).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1} {}", "{\"a\":1}\nPassword saved.", "{\"a\":1}garbage"})
    void parseLeadingReadsTheFirstValueAndIgnoresWhatFollows(String document) throws Exception {
        JsonNode expected = NODES.objectNode().put("a", 1);
        assertEquals(expected, Json.parseLeading(document));
        assertEquals(expected, Json.parseLeading(document.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void parseLeadingStillRejectsBrokenAndTruncatedValues() {
        assertEquals(JsonSyntaxException.Kind.TRUNCATED,
                assertThrows(JsonSyntaxException.class, () -> Json.parseLeading("{\"a\":")).kind());
        assertEquals(JsonSyntaxException.Kind.NOT_JSON,
                assertThrows(JsonSyntaxException.class, () -> Json.parseLeading("<html>")).kind());
        assertSame(MissingNode.getInstance(), assertDoesNotThrow(() -> Json.parseLeading("  ")));
    }

    @Test
    void trailingWhitespaceIsNotContent() throws Exception {
        assertEquals(NODES.objectNode(), Json.parse("{} \n\t "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":", "{\"a\"", "[1, 2", "\"unterminated", "{\"config\":{\"Labels\":"})
    void truncatedDocumentIsAnEndOfInputError(String document) {
        assertEquals(JsonSyntaxException.Kind.TRUNCATED,
                assertThrows(JsonSyntaxException.class, () -> Json.parse(document)).kind());
        assertEquals(JsonSyntaxException.Kind.TRUNCATED,
                assertThrows(JsonSyntaxException.class, () -> Json.parse(document.getBytes(StandardCharsets.UTF_8))).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>", "{a: 1}", "{'a': 1}", "[1,]", "tru"})
    void somethingOtherThanJsonIsRejected(String document) {
        assertEquals(JsonSyntaxException.Kind.NOT_JSON,
                assertThrows(JsonSyntaxException.class, () -> Json.parse(document)).kind());
    }

    /**
     * A document may be anything (a secret file behind a symlink, a page a proxy sent): a parse error says
     * what kind of error and where, and nothing of the document, neither in its message nor in its causes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sEcReTmArKeR", "root:sEcReTmArKeR:0:0", "{\"a\": sEcReTmArKeR}", "[1, sEcReTmArKeR",
            "{\"a\":1} sEcReTmArKeR", "{\"sEcReTmArKeR\" 1}", "trusEcReTmArKeR", "{\"a\": \"sEcReTmArKeR\u0001\"}",
            "[\"sEcReTmArKeR"})
    void errorsSayWhatAndWhereButNeverQuoteTheDocument(String document) {
        JsonSyntaxException error = assertThrows(JsonSyntaxException.class,
                () -> Json.parse(document.getBytes(StandardCharsets.UTF_8)));
        List<Exception> errors = new ArrayList<>(List.of(error));
        try {
            Json.parseLeading(document);
        } catch (Exception e) {
            errors.add(e);
        }

        for (Exception e : errors) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains("sEcReTmArKeR"), t.toString());
                assertFalse(String.valueOf(t.getMessage()).contains("sEcReT"), t.toString());
            }
        }
        assertTrue(error.getMessage().contains("line 1, column "), error.getMessage());
    }

    @Test
    void duplicateKeysKeepTheLastValue() throws Exception {
        JsonNode tree = Json.parse("{\"a\": \"first\", \"b\": 1, \"a\": \"last\"}");

        assertEquals("last", tree.get("a").textValue());
        assertEquals(2, tree.size());
    }

    @Test
    void nestingWithinTheParsersLimitIsRead() throws Exception {
        int depth = StreamReadConstraints.defaults().getMaxNestingDepth();

        JsonNode tree = Json.parse("[".repeat(depth) + "]".repeat(depth));

        for (int level = 1; level < depth; level++) {
            tree = tree.get(0);
        }
        assertTrue(tree.isArray() && tree.isEmpty());
    }

    @Test
    void nestingBeyondTheParsersLimitIsAnErrorNotAStackOverflow() {
        // Deep enough to overflow the stack of a recursive reader that had no bound.
        String deepArrays = "[".repeat(100_000);
        String deepObjects = "{\"a\":".repeat(100_000);

        assertEquals(JsonSyntaxException.Kind.TOO_DEEP,
                assertThrows(JsonSyntaxException.class, () -> Json.parse(deepArrays)).kind());
        assertEquals(JsonSyntaxException.Kind.TOO_DEEP, assertThrows(JsonSyntaxException.class,
                () -> Json.parse(deepObjects.getBytes(StandardCharsets.UTF_8))).kind());
        int limit = StreamReadConstraints.defaults().getMaxNestingDepth();
        assertEquals(JsonSyntaxException.Kind.TOO_DEEP, assertThrows(JsonSyntaxException.class,
                () -> Json.parse("[".repeat(limit + 1) + "]".repeat(limit + 1))).kind());
    }

    @Test
    void writtenMapsAndListsReadBackAsTheSameTree() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "line one\nline \"two\" \u00e9 \ud83d\udc33");
        value.put("int", 7);
        value.put("long", 5_000_000_000L);
        value.put("big", new BigInteger("123456789012345678901234567890"));
        value.put("double", 0.25);
        value.put("decimal", new BigDecimal("2.5"));
        value.put("yes", true);
        value.put("no", false);
        value.put("nothing", null);
        value.put("list", Arrays.asList(1, "a", null, List.of(), Map.of()));
        value.put("nested", Map.of("k", List.of("v")));

        JsonNode tree = Json.parse(Json.compact(value));

        ObjectNode expected = NODES.objectNode();
        expected.put("text", "line one\nline \"two\" \u00e9 \ud83d\udc33");
        expected.put("int", 7);
        expected.put("long", 5_000_000_000L);
        expected.put("big", new BigInteger("123456789012345678901234567890"));
        expected.put("double", 0.25);
        expected.put("decimal", 2.5);
        expected.put("yes", true);
        expected.put("no", false);
        expected.putNull("nothing");
        ArrayNode list = expected.putArray("list").add(1).add("a").addNull();
        list.addArray();
        list.addObject();
        expected.putObject("nested").putArray("k").add("v");
        assertEquals(expected, tree);
        assertEquals(new ArrayList<>(value.keySet()), keys(tree), "map order kept");
    }

    @Test
    void writtenScalarsReadBackAsThemselves() throws Exception {
        assertEquals(NODES.textNode("x"), Json.parse(Json.compact("x")));
        assertEquals(NODES.numberNode(3), Json.parse(Json.compact(3)));
        assertEquals(NODES.numberNode(Long.MIN_VALUE), Json.parse(Json.compact(Long.MIN_VALUE)));
        assertEquals(NODES.numberNode(-0.5), Json.parse(Json.compact(-0.5)));
        assertEquals(NODES.booleanNode(true), Json.parse(Json.compact(true)));
        assertEquals(NODES.nullNode(), Json.parse(Json.compact(null)));
        assertEquals("null", Json.compact(null));
    }

    @Test
    void writtenTreesReadBackEqual() throws Exception {
        JsonNode tree = Json.parse("{\"labels\": {\"a\": \"b\", \"n\": 1}, \"list\": [true, null, 1.5,"
                + " 12345678901234567890, {\"deep\": [[]]}], \"empty\": {}}");

        assertEquals(tree, Json.parse(Json.compact(tree)));
        assertEquals(tree, Json.parse(Json.write(tree, new DefaultPrettyPrinter())));
    }

    @Test
    void treesInsideMapsAreWrittenAsJson() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("labels", Json.object().put("a", "b"));
        value.put("n", 1);

        assertEquals("{\"labels\":{\"a\":\"b\"},\"n\":1}", Json.compact(value));
    }

    @Test
    void compactIsOneLineEvenForNestedValuesAndTextWithNewlines() {
        String json = Json.compact(Map.of("a", List.of(Map.of("b", "line\nbreak\r\n"), List.of(1, 2))));

        assertFalse(json.contains("\n") || json.contains("\r"), json);
        assertFalse(json.contains(" "), json);
    }

    @Test
    void prettyLayoutSpansLinesAndReadsBackEqual() throws Exception {
        Map<String, Object> value = Map.of("a", List.of(1, 2), "b", Map.of("c", "d"));

        String pretty = Json.write(value, new DefaultPrettyPrinter());

        assertTrue(pretty.contains("\n"), pretty);
        assertEquals(Json.parse(Json.compact(value)), Json.parse(pretty));
    }

    @Test
    void unsupportedValueTypeIsAnIllegalArgument() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Json.compact(new Object()));
        assertTrue(error.getMessage().contains("java.lang.Object"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.compact(Map.of("nested", List.of(new Object()))));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new StringBuilder("x"), new DefaultPrettyPrinter()));
    }

    @Test
    void objectMakesAnEmptyMutableObject() {
        ObjectNode object = Json.object();

        assertTrue(object.isEmpty());
        object.put("a", 1);
        assertEquals("{\"a\":1}", Json.compact(object));
        assertTrue(Json.object().isEmpty(), "a new object each time");
    }

    @Test
    void writtenStringsEscapeWhatATerminalActsOnAndReadBackTheSame() throws Exception {
        String value = "esc\u001b del\u007f csi\u009b nel\u0085 ls\u2028 ps\u2029 rlo\u202e bom\ufeff é 世界 🚀";

        String written = Json.compact(java.util.Map.of("k", value));

        assertEquals("{\"k\":\"esc\\u001B del\\u007F csi\\u009B nel\\u0085 ls\\u2028 ps\\u2029 rlo\\u202E "
                + "bom\\uFEFF é 世界 🚀\"}", written);
        assertEquals(value, Json.parse(written).path("k").asText());
    }
}
