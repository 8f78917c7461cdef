package dev.labels.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NestingTest {
    private static final JsonWriter JSON = new JsonWriter(true);

    @Test
    void dottedKeysBecomeNestedObjects() {
        Map<String, String> labels = Map.of("blaze.service.cpu", "0.1", "blaze.service.memory", "300", "team", "dodo");

        assertEquals("{\"blaze\":{\"service\":{\"cpu\":\"0.1\",\"memory\":\"300\"}},\"team\":\"dodo\"}\n",
                JSON.write(Nesting.nest(labels)));
    }

    @Test
    void aKeyThatIsAlsoAPrefixKeepsItsValueUnderTheEmptyKeyInEitherOrder() {
        Map<String, String> valueFirst = new LinkedHashMap<>();
        valueFirst.put("a.b", "1");
        valueFirst.put("a.b.c", "2");
        Map<String, String> prefixFirst = new LinkedHashMap<>();
        prefixFirst.put("a.b.c", "2");
        prefixFirst.put("a.b", "1");

        String expected = "{\"a\":{\"b\":{\"\":\"1\",\"c\":\"2\"}}}\n";
        assertEquals(expected, JSON.write(Nesting.nest(valueFirst)));
        assertEquals(expected, JSON.write(Nesting.nest(prefixFirst)));
    }

    @Test
    void keysWithEmptySegmentsStayWholeAtTheTopSoNothingIsLost() {
        Map<String, String> labels = Map.of("a.b", "1", "a.b.", "2", ".x", "3", "a..b", "4", "", "5");

        assertEquals("{\"\":\"5\",\".x\":\"3\",\"a\":{\"b\":\"1\"},\"a..b\":\"4\",\"a.b.\":\"2\"}\n",
                JSON.write(Nesting.nest(labels)));
    }

    @Test
    void keysOfUpToTheSegmentLimitNestAndLongerOnesStayWholeAtTheTop() {
        String deepest = "s.".repeat(Nesting.MAX_SEGMENTS - 1) + "end";
        String tooDeep = "t.".repeat(Nesting.MAX_SEGMENTS) + "end";
        String attack = "x.".repeat(5000) + "end";
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(deepest, "1");
        labels.put(tooDeep, "2");
        labels.put(attack, "3");

        Map<String, Object> nested = Nesting.nest(labels);

        Object node = nested.get("s");
        for (int level = 1; level < Nesting.MAX_SEGMENTS - 1; level++) {
            node = ((Map<?, ?>) node).get("s");
        }
        assertEquals("1", ((Map<?, ?>) node).get("end"));
        assertEquals("2", nested.get(tooDeep));
        assertEquals("3", nested.get(attack));
        assertEquals(3, nested.size());
        JSON.write(nested); // within the writer's nesting bound
    }
}
