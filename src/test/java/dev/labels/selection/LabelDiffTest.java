package dev.labels.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.output.JsonWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelDiffTest {

    @Test
    void addedRemovedAndChangedAreSeparatedAndSorted() {
        LabelDiff diff = LabelDiff.between(Map.of("same", "1", "gone", "x", "mem", "300"),
                Map.of("same", "1", "new", "y", "mem", "512"));

        assertEquals("{\"added\":{\"new\":\"y\"},\"removed\":{\"gone\":\"x\"},"
                + "\"changed\":{\"mem\":{\"from\":\"300\",\"to\":\"512\"}}}\n", new JsonWriter(true).write(diff.toJson()));
        assertFalse(diff.isEmpty());
    }

    @Test
    void equalLabelsGiveAnEmptyDiffWithAllThreeParts() {
        LabelDiff diff = LabelDiff.between(Map.of("a", "1"), Map.of("a", "1"));

        assertTrue(diff.isEmpty());
        assertEquals("{\"added\":{},\"removed\":{},\"changed\":{}}\n", new JsonWriter(true).write(diff.toJson()));
    }

    @Test
    void anEmptyValueDiffersFromAnAbsentOne() {
        LabelDiff diff = LabelDiff.between(Map.of(), Map.of("a", ""));

        assertEquals(Map.of("a", ""), diff.added());
    }

    @Test
    void tableShowsOneRowPerKeyWithControlCharactersVisible() {
        LabelDiff diff = LabelDiff.between(Map.of("mem", "300", "gone", "x"), Map.of("mem", "512\n\u001b[31m", "new", "y"));

        assertEquals("""
                CHANGE   KEY   FROM  TO
                removed  gone  x
                changed  mem   300   512\\n\\e[31m
                added    new         y
                """, diff.toTable());
    }
}
