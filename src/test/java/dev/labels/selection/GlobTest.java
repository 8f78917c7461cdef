package dev.labels.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code *} any run, {@code ?} exactly one character, everything else itself, over the whole text. */
class GlobTest {

    @ParameterizedTest(name = "[{index}] {0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "1.*      | 1.2.3  | true",
        "1.*      | 1.     | true",
        "1.*      | 1x2    | false",
        "*        | ''     | true",
        "''       | ''     | true",
        "''       | a      | false",
        "v?       | v1     | true",
        "v?       | v      | false",
        "v?       | v10    | false",
        "?.?      | 1.2    | true",
        "a*b*c    | abc    | true",
        "a*b*c    | a-b-c  | true",
        "a*b*c    | a-c    | false",
        "(x)+[y]$ | (x)+[y]$ | true",
        "(x)+[y]$ | xxy    | false",
        "\\Q*\\E  | \\Qa\\E | true",
        "\\Q*\\E  | a      | false",
    })
    void wildcardsAreStarAndQuestionMarkAndEveryOtherCharacterIsItself(String pattern, String text, boolean matches) {
        assertEquals(matches, new Glob(pattern).matches(text));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"*", "a?c"})
    void wildcardsMatchLineBreaksToo(String pattern) {
        assertTrue(new Glob(pattern).matches("a\nc"));
        assertFalse(new Glob("a").matches("a\n"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"1.*", "''", "\\Q*?"})
    void aGlobPrintsAsThePatternGiven(String pattern) {
        assertEquals(pattern, new Glob(pattern).toString());
    }
}
