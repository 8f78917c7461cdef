package dev.labels.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTest {

    private static Platform p(String text) throws InvalidPlatformException {
        return Platform.parse(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
        "linux/amd64,       linux,   amd64, -",
        "linux/arm/v7,      linux,   arm,   v7",
        "linux/arm64/v8,    linux,   arm64, v8",
        "windows/amd64,     windows, amd64, -",
        "' linux/s390x ',   linux,   s390x, -",
        "LINUX/AMD64,       linux,   amd64, -",
        "Linux/ARM64/V8,    linux,   arm64, v8",
    })
    void parseAcceptsOsArchAndOptionalVariantLowercased(String text, String os, String arch, String variant)
            throws InvalidPlatformException {
        assertEquals(new Platform(os, arch, variant), Platform.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "   ", "linux", "linux/", "/amd64", "a/b/c/d", "linux//v7", "linux/arm/", "linux/ amd64"})
    void parseRejectsMalformedTextNamingTheInput(String text) {
        InvalidPlatformException e = assertThrows(InvalidPlatformException.class, () -> Platform.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("os/arch"), e.getMessage());
        assertEquals(text, e.input());
    }

    @Test
    void parseRejectsNull() {
        assertThrows(InvalidPlatformException.class, () -> Platform.parse(null));
    }

    @Test
    void parseKeepsAliasesSoMessagesEchoTheUserButMatchingNormalizes() throws InvalidPlatformException {
        Platform typed = p("linux/x86_64");
        assertEquals("linux/x86_64", typed.toString());
        assertTrue(typed.matches(p("linux/amd64")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "linux/x86_64,    linux/amd64",
        "linux/x86-64,    linux/amd64",
        "linux/amd64,     linux/amd64",
        "linux/aarch64,   linux/arm64",
        "linux/aarch64/v8, linux/arm64",
        "linux/arm64/v8,  linux/arm64",
        "linux/arm64,     linux/arm64",
        "linux/arm64/v9,  linux/arm64/v9",
        "linux/armhf,     linux/arm/v7",
        "linux/armel,     linux/arm/v6",
        "linux/arm,       linux/arm/v7",
        "linux/arm/7,     linux/arm/v7",
        "linux/arm/v6,    linux/arm/v6",
        "linux/i386,      linux/386",
        "linux/ppc64le,   linux/ppc64le",
        "WINDOWS/AMD64,   windows/amd64",
    })
    void normalizedAppliesContainerdAliases(String input, String expected) throws InvalidPlatformException {
        assertEquals(expected, p(input).normalized().toString());
    }

    @Test
    void normalizedLowercasesRawRecordValues() {
        assertEquals(new Platform("linux", "amd64", null), new Platform("Linux", "X86_64", null).normalized());
    }

    @Test
    void aRecordWithoutAnArchitectureStillHasItsOsAndVariantNormalized() {
        assertEquals(new Platform("darwin", null, "v8"), new Platform("MacOS", null, "V8").normalized());
    }

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource({
        "linux/arm64,    linux/arm64/v8",
        "linux/arm64/v8, linux/arm64",
        "linux/arm,      linux/arm/v7",
        "linux/arm/v7,   linux/arm",
        "linux/amd64,    linux/x86_64",
        "linux/amd64,    linux/amd64/v2",
    })
    void matchesComparesNormalizedValues(String requested, String entry) throws InvalidPlatformException {
        assertTrue(p(requested).matches(p(entry)));
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource({
        "linux/arm,      linux/arm/v6",
        "linux/arm/v6,   linux/arm/v7",
        "linux/amd64,    windows/amd64",
        "linux/amd64/v3, linux/amd64",
        "linux/arm64,    linux/arm/v7",
    })
    void matchesRequiresTheRequestedVariantAndSameOsArch(String requested, String entry) throws InvalidPlatformException {
        assertFalse(p(requested).matches(p(entry)));
    }

    @Test
    void matchesNullIsFalse() throws InvalidPlatformException {
        assertFalse(p("linux/amd64").matches(null));
    }

    @Test
    void isUnknownFlagsBuildxAttestationPlatform() throws InvalidPlatformException {
        assertTrue(new Platform("unknown", "unknown", null).isUnknown());
        assertTrue(new Platform("linux", "unknown", null).isUnknown());
        assertFalse(p("linux/amd64").isUnknown());
    }

    @Test
    void toStringIsOsArchOptionalVariant() {
        assertEquals("linux/amd64", new Platform("linux", "amd64", null).toString());
        assertEquals("linux/arm/v7", new Platform("linux", "arm", "v7").toString());
        assertEquals("linux/amd64", new Platform("linux", "amd64", "").toString());
        assertEquals("?/amd64", new Platform(null, "amd64", null).toString());
    }

    @Test
    void blankVariantFromJsonMeansNoVariant() {
        assertNull(new Platform("linux", "amd64", " ").variant());
    }

    @ParameterizedTest(name = "os.arch={0}")
    @CsvSource({"amd64, linux/amd64", "x86_64, linux/amd64", "aarch64, linux/arm64", "arm, linux/arm/v7",
        "ppc64le, linux/ppc64le", "s390x, linux/s390x"})
    void hostMapsJvmArchToLinuxImagePlatform(String jvmArch, String expected) {
        assertEquals(expected, Platform.forJvmArch(jvmArch).toString());
    }

    @Test
    void hostIsLinuxWithTheJvmArchitecture() {
        Platform host = Platform.host();
        assertEquals("linux", host.os());
        assertNotNull(host.architecture());
        assertEquals(Platform.forJvmArch(System.getProperty("os.arch")), host);
    }
}
