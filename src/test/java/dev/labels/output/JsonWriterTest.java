package dev.labels.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON as jq prints it, or on one line with --compact; one trailing newline either way. */
class JsonWriterTest {

    private static Map<String, Object> sample() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", "1");
        value.put("list", List.of("x", 2));
        value.put("empty", Map.of());
        value.put("none", List.of());
        return value;
    }

    @Test
    void prettyOutputIsJqsTwoSpaceIndentWithEmptyObjectsAndListsShut() {
        assertEquals("""
                {
                  "a": "1",
                  "list": [
                    "x",
                    2
                  ],
                  "empty": {},
                  "none": []
                }
                """, new JsonWriter(false).write(sample()));
    }

    @Test
    void compactOutputIsOneLine() {
        assertEquals("{\"a\":\"1\",\"list\":[\"x\",2],\"empty\":{},\"none\":[]}\n", new JsonWriter(true).write(sample()));
    }

    @Test
    void eachWriteStartsAtTheLeftMargin() {
        JsonWriter writer = new JsonWriter(false);
        Map<String, Object> nested = Map.of("a", Map.of("b", "c"));

        String first = writer.write(nested);

        assertEquals(first, writer.write(nested));
        assertEquals("{\n  \"a\": {\n    \"b\": \"c\"\n  }\n}\n", first);
    }
}
