package dev.labels.image;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestsTest {

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] HELLO = Fixtures.utf8("hello");
    private static final String SHA256_EMPTY = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String SHA256_HELLO = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private static final String SHA384_EMPTY = "sha384:38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
            + "274edebfe76f65fbd51ad2f14898b95b";
    private static final String SHA512_EMPTY = "sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

    @Test
    void sha256IsPrefixedLowercaseHex() {
        assertEquals(SHA256_EMPTY, Digests.sha256(EMPTY));
        assertEquals(SHA256_HELLO, Digests.sha256(HELLO));
    }

    @Test
    void sha512IsPrefixedLowercaseHex() {
        assertEquals(SHA512_EMPTY, Digests.sha512(EMPTY));
    }

    @Test
    void verifySha256AcceptsMatchingContent() {
        assertDoesNotThrow(() -> Digests.verify(HELLO, SHA256_HELLO, "manifest"));
    }

    @Test
    void verifySha512AcceptsMatchingContent() {
        assertDoesNotThrow(() -> Digests.verify(EMPTY, SHA512_EMPTY, "config"));
    }

    @Test
    void verifySha256MismatchNamesWhatExpectedAndActual() {
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> Digests.verify(HELLO, SHA256_EMPTY, "manifest alpine:3.19"));
        assertEquals("digest mismatch for manifest alpine:3.19: expected " + SHA256_EMPTY + ", got " + SHA256_HELLO,
                e.getMessage());
        assertEquals(SHA256_EMPTY, e.expected());
        assertEquals(SHA256_HELLO, e.actual());
    }

    @Test
    void verifySha512MismatchReportsSha512Actual() {
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> Digests.verify(HELLO, SHA512_EMPTY, "config blob"));
        assertEquals(Digests.sha512(HELLO), e.actual());
        assertTrue(e.getMessage().startsWith("digest mismatch for config blob: expected sha512:"));
    }

    @Test
    void supportedDigestsAreWellFormedSha256Sha384AndSha512() {
        assertTrue(Digests.isSupported(SHA256_EMPTY));
        assertTrue(Digests.isSupported(SHA384_EMPTY));
        assertTrue(Digests.isSupported(SHA512_EMPTY));
    }

    /** Every digest a reference may give can be checked: sha384 is in the one grammar, so it is verified too. */
    @Test
    void verifySha384AcceptsMatchingContentAndReportsAMismatch() {
        assertDoesNotThrow(() -> Digests.verify(EMPTY, SHA384_EMPTY, "manifest"));
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> Digests.verify(HELLO, SHA384_EMPTY, "manifest"));
        assertTrue(e.actual().startsWith("sha384:"), e.actual());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "sha256:", "sha256:abc", "md5:d41d8cd98f00b204e9800998ecf8427e",
        "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256:x/../../../../x", "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\u001b[2J",
        "blake3:af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"})
    void unsupportedOrMalformedDigestsAreRejectedWithoutBeingQuoted(String digest) {
        assertFalse(Digests.isSupported(digest));
        MalformedImageException e = assertThrows(MalformedImageException.class, () -> Digests.verify(HELLO, digest, "blob"));
        assertTrue(e.getMessage().startsWith("cannot verify blob: "), e.getMessage());
        assertTrue(e.getMessage().contains("digest"), e.getMessage());
        if (digest != null && digest.length() > "sha256:".length()) { // "sha256:" alone is in every hint
            assertFalse(e.getMessage().contains(digest), "the digest may hold anything: " + e.getMessage());
        }
    }
}
