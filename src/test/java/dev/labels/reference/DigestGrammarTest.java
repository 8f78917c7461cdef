package dev.labels.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one digest grammar: go-digest's algorithms, lower-case hex of each one's length, nothing else. */
class DigestGrammarTest {
    private static final String HEX64 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void sha256Sha384AndSha512OfTheirLengthAreValid() {
        assertNull(DigestGrammar.problem("sha256:" + HEX64));
        assertNull(DigestGrammar.problem("sha384:" + "a".repeat(96)));
        assertNull(DigestGrammar.problem("sha512:" + HEX64 + HEX64));
        assertEquals(DigestGrammar.Algorithm.SHA384, DigestGrammar.algorithm("sha384:" + "a".repeat(96)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL                                       | invalid digest: empty",
        "''                                         | invalid digest: empty",
        "sha256:x/../../../../x                     | invalid digest: expected <algorithm>:<hex>",
        "sha256:abc                                 | sha256 needs exactly 64 lowercase hex characters (got 3 characters)",
        "sha512:" + HEX64 + "                      | sha512 needs exactly 128",
        "sha384:" + HEX64 + "                      | sha384 needs exactly 96",
        "md5:d41d8cd98f00b204e9800998ecf8427e       | unsupported digest algorithm \"md5\"",
        "blake3:" + HEX64 + "                      | unsupported digest algorithm \"blake3\"",
        "SHA256:" + HEX64 + "                      | invalid digest: expected <algorithm>:<hex>",
    })
    void everythingElseIsRefusedWithAReasonThatDoesNotQuoteIt(String digest, String reason) {
        String problem = DigestGrammar.problem(digest);
        assertTrue(problem != null && problem.contains(reason), problem);
        assertFalse(DigestGrammar.isValid(digest));
        assertThrows(IllegalArgumentException.class, () -> DigestGrammar.algorithm(digest));
        if (digest != null && digest.length() > 12) {
            assertFalse(problem.contains(digest.substring(7)), problem);
        }
    }

    @Test
    void controlCharactersAfterAGoodDigestAreRefused() {
        for (String tail : new String[] {"\n", "\u001b[2J", " ", "\u2028"}) {
            assertFalse(DigestGrammar.isValid("sha256:" + HEX64 + tail));
        }
    }

    @Test
    void upperCaseHexOfTheRightLengthIsNamedAsSuch() {
        assertTrue(DigestGrammar.problem("sha256:" + HEX64.toUpperCase()).endsWith("(got others than 0-9 and a-f)"));
    }

    @Test
    void aDigestOfExactlyTheLengthLimitIsJudgedByItsContent() {
        String limit = "sha256:" + "a".repeat(256 - 7);

        assertEquals(256, limit.length());
        assertTrue(DigestGrammar.problem(limit).contains("sha256 needs exactly 64"), DigestGrammar.problem(limit));
        assertTrue(DigestGrammar.problem(limit + "a").contains("longer than 256 characters (257)"));
    }

    @Test
    void aVeryLongDigestIsRefusedBeforeThePatternRuns() {
        assertTrue(DigestGrammar.problem("sha256:" + "a".repeat(10_000)).contains("longer than 256 characters"));
    }
}
