package dev.labels.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
        assertEquals("\\e[31mred\\e[0m \\e]0;title\\a", VisibleText.of(TrickyLabels.VALUES.get("ansi")));
        assertEquals("\\u009b31mred", VisibleText.of(TrickyLabels.VALUES.get("c1.csi")));
        assertEquals("a\\r\\nb\\rc", VisibleText.of(TrickyLabels.VALUES.get("crlf")));
        assertEquals("abc\\u202edcba", VisibleText.of(TrickyLabels.VALUES.get("bidi")));
    }

    @Test
    void visibleTextDoublesBackslashesSoEscapesAreUnambiguous() {
        assertEquals("a\\\\nb", VisibleText.of("a\\nb"));
        assertEquals("a\\nb", VisibleText.of("a\nb"));
        assertEquals("\\x00\\x7f", VisibleText.of("\0\u007f"));
        assertEquals("Grüße, 世界 — ☃ 🚀", VisibleText.of("Grüße, 世界 — ☃ 🚀"));
    }
}
