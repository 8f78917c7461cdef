package dev.labels.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SafeTextTest {

    @ParameterizedTest(name = "[{index}] U+{0}")
    @CsvSource({
        "0000, \\x00", "001b, \\e", "000a, \\n", "000d, \\r", "0009, \\t", "0007, \\a", "0008, \\b", "000b, \\v",
        "000c, \\f", "001f, \\x1f", "007f, \\x7f", "0080, \\u0080", "0085, \\u0085", "009b, \\u009b",
        "009f, \\u009f", "2028, \\u2028", "2029, \\u2029", "202a, \\u202a", "202e, \\u202e", "2066, \\u2066",
        "2069, \\u2069", "200e, \\u200e", "200f, \\u200f", "061c, \\u061c", "feff, \\ufeff",
    })
    void everyControlIsShownAsAnEscape(String hex, String shown) {
        String c = String.valueOf((char) Integer.parseInt(hex, 16));

        assertEquals("a" + shown + "b", SafeText.escape("a" + c + "b"));
        assertEquals("a" + shown + "b", SafeText.line("a" + c + "b"));
    }

    @Test
    void aBackslashIsDoubledSoTheShownTextIsUnambiguous() {
        assertEquals("a\\\\nb", SafeText.escape("a\\nb"));
        assertEquals("a\\nb", SafeText.escape("a\nb"));
    }

    @Test
    void printableTextOfAnyScriptIsKept() {
        assertEquals("Grüße, 世界 — ☃ 🚀 é", SafeText.escape("Grüße, 世界 — ☃ 🚀 é"));
        assertEquals("Grüße, 世界 — ☃ 🚀 é", SafeText.line("Grüße, 世界 — ☃ 🚀 é"));
    }

    @Test
    void aLineIsCutAtItsLimitSayingHowMuchWasLeftOut() {
        String line = SafeText.line("x".repeat(SafeText.MAX_CHARS + 500));

        assertTrue(line.startsWith("x".repeat(SafeText.MAX_CHARS) + " ..."), line);
        assertTrue(line.endsWith("(500 more characters)"), line);
        assertEquals("x".repeat(SafeText.MAX_CHARS), SafeText.line("x".repeat(SafeText.MAX_CHARS)));
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        String line = SafeText.line("x".repeat(SafeText.MAX_CHARS - 1) + "🚀🚀");

        assertFalse(line.contains("\ud83d ") || line.endsWith("\ud83d"), "no half of an emoji");
        assertTrue(line.startsWith("x".repeat(SafeText.MAX_CHARS - 1) + " ..."), line);
    }

    @Test
    void aLineHidesTheSecretsOfTheUrlsItQuotes() {
        assertEquals("cannot reach https://REDACTED@mirror.example/v2/?sig=REDACTED: refused",
                SafeText.line("cannot reach https://bob:hunter2@mirror.example/v2/?sig=abc: refused"));
    }

    @Test
    void escapedTextHasNothingATerminalActsOn() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            every.append(c);
        }

        String shown = SafeText.line(every.toString());

        shown.chars().forEach(c -> assertFalse(SafeText.needsEscape((char) c), "U+" + Integer.toHexString(c)));
    }
}
