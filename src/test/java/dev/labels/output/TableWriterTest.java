package dev.labels.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.TrickyLabels;
import org.junit.jupiter.api.Test;

class TableWriterTest {

    @Test
    void columnsAreAlignedTwoSpacesApartAndTheLastIsNotPadded() {
        String table = new TableWriter("KEY", "VALUE").add("cpu", "0.1").add("health-check", "/status").write();

        assertEquals("""
                KEY           VALUE
                cpu           0.1
                health-check  /status
                """, table);
    }

    @Test
    void ansiEscapesAndControlCharactersAreShownNeverSent() {
        TableWriter table = new TableWriter("KEY", "VALUE");
        TrickyLabels.VALUES.forEach(table::add);
        table.add("\u001b[2Jkey", "\u009b2J");

        String written = table.write();

        assertFalse(written.contains("\u001b"), "no ESC byte");
        assertFalse(written.contains("\u009b"), "no C1 CSI");
        assertFalse(written.contains("\r"), "no carriage return");
        assertFalse(written.contains("\u202e"), "no bidi override");
        assertEquals(TrickyLabels.VALUES.size() + 2, written.lines().count(), "one line per row, newlines escaped");
        assertTrue(written.contains(" \\e[31mred\\e[0m \\e]0;title\\a\n"), written);
        assertTrue(written.contains("\\u009b31mred"), written);
        assertTrue(written.contains("a\\r\\nb\\rc"), written);
        assertTrue(written.contains("abc\\u202edcba"), written);
        assertTrue(written.contains("C:\\\\path\\\\new"), "a backslash is doubled: " + written);
    }
}
