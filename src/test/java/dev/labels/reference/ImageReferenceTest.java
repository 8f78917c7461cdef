package dev.labels.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageReferenceTest {

    private static final String HEX64 = "0123456789abcdef".repeat(4);
    private static final String SHA256 = "sha256:" + HEX64;
    private static final String SHA384 = "sha384:" + "0123456789abcdef".repeat(6);
    private static final String SHA512 = "sha512:" + "0123456789abcdef".repeat(8);
    private static final String TAG_128 = "t".repeat(128);
    /** docker.io/a/bbb...: exactly 255 characters, the longest name allowed. */
    private static final String PATH_245 = "a/" + "b".repeat(243);

    /** input, registry, repository, tag, digest, canonical toString(). */
    static Stream<Arguments> validReferences() {
        return Stream.of(
                // Docker Hub familiar names
                arguments("alpine", "docker.io", "library/alpine", "latest", null, "docker.io/library/alpine:latest"),
                arguments("alpine:3.19", "docker.io", "library/alpine", "3.19", null, "docker.io/library/alpine:3.19"),
                arguments("wehkamp/x:tag", "docker.io", "wehkamp/x", "tag", null, "docker.io/wehkamp/x:tag"),
                arguments("wehkamp/team/x", "docker.io", "wehkamp/team/x", "latest", null, "docker.io/wehkamp/team/x:latest"),
                arguments("docker.io/alpine", "docker.io", "library/alpine", "latest", null, "docker.io/library/alpine:latest"),
                arguments("docker.io/library/alpine:edge", "docker.io", "library/alpine", "edge", null, "docker.io/library/alpine:edge"),
                arguments("docker.io/library/alpine:latest", "docker.io", "library/alpine", "latest", null, "docker.io/library/alpine:latest"),
                arguments("index.docker.io/alpine", "docker.io", "library/alpine", "latest", null, "docker.io/library/alpine:latest"),
                arguments("index.docker.io/wehkamp/x:1", "docker.io", "wehkamp/x", "1", null, "docker.io/wehkamp/x:1"),
                arguments("docker.io/localhost/x", "docker.io", "localhost/x", "latest", null, "docker.io/localhost/x:latest"),
                // single components are always Docker Hub repositories, even host-like ones (normalize.go fast path)
                arguments("localhost", "docker.io", "library/localhost", "latest", null, "docker.io/library/localhost:latest"),
                arguments("example.com", "docker.io", "library/example.com", "latest", null, "docker.io/library/example.com:latest"),
                arguments("host:5000", "docker.io", "library/host", "5000", null, "docker.io/library/host:5000"),
                // other registries: never library/
                arguments("host:5000/a/b/c:tag", "host:5000", "a/b/c", "tag", null, "host:5000/a/b/c:tag"),
                arguments("myregistry:5000/b", "myregistry:5000", "b", "latest", null, "myregistry:5000/b:latest"),
                arguments("localhost/x", "localhost", "x", "latest", null, "localhost/x:latest"),
                arguments("localhost:5000/x", "localhost:5000", "x", "latest", null, "localhost:5000/x:latest"),
                arguments("127.0.0.1:5000/x", "127.0.0.1:5000", "x", "latest", null, "127.0.0.1:5000/x:latest"),
                arguments("10.0.0.1/x", "10.0.0.1", "x", "latest", null, "10.0.0.1/x:latest"),
                arguments("[::1]:5000/x", "[::1]:5000", "x", "latest", null, "[::1]:5000/x:latest"),
                // ports: 1 to 65535
                arguments("host:1/x", "host:1", "x", "latest", null, "host:1/x:latest"),
                arguments("host:65535/x", "host:65535", "x", "latest", null, "host:65535/x:latest"),
                arguments("[::1]/x:v1", "[::1]", "x", "v1", null, "[::1]/x:v1"),
                arguments("[2001:DB8::1]:443/ns/img", "[2001:DB8::1]:443", "ns/img", "latest", null, "[2001:DB8::1]:443/ns/img:latest"),
                arguments("example.com/alpine", "example.com", "alpine", "latest", null, "example.com/alpine:latest"),
                arguments("Example.COM/team/app:1", "Example.COM", "team/app", "1", null, "Example.COM/team/app:1"),
                arguments("Docker.io/alpine", "Docker.io", "alpine", "latest", null, "Docker.io/alpine:latest"),
                arguments("quay.io/prometheus/node-exporter:v1.7.0", "quay.io", "prometheus/node-exporter", "v1.7.0", null,
                        "quay.io/prometheus/node-exporter:v1.7.0"),
                arguments("registry.example.com:8443/deep/nested/path/img:tag", "registry.example.com:8443",
                        "deep/nested/path/img", "tag", null, "registry.example.com:8443/deep/nested/path/img:tag"),
                arguments("my-registry.internal/a/b", "my-registry.internal", "a/b", "latest", null, "my-registry.internal/a/b:latest"),
                // path component separators: '.', '_', '__', runs of '-'
                arguments("a__b", "docker.io", "library/a__b", "latest", null, "docker.io/library/a__b:latest"),
                arguments("foo/a---b", "docker.io", "foo/a---b", "latest", null, "docker.io/foo/a---b:latest"),
                arguments("foo/a.b_c-d", "docker.io", "foo/a.b_c-d", "latest", null, "docker.io/foo/a.b_c-d:latest"),
                arguments("0/1:2", "docker.io", "0/1", "2", null, "docker.io/0/1:2"),
                // tags
                arguments("alpine:Release_1.0-RC", "docker.io", "library/alpine", "Release_1.0-RC", null,
                        "docker.io/library/alpine:Release_1.0-RC"),
                arguments("alpine:_x", "docker.io", "library/alpine", "_x", null, "docker.io/library/alpine:_x"),
                arguments("alpine:" + TAG_128, "docker.io", "library/alpine", TAG_128, null, "docker.io/library/alpine:" + TAG_128),
                arguments(PATH_245, "docker.io", PATH_245, "latest", null, "docker.io/" + PATH_245 + ":latest"),
                // digests
                arguments("alpine@" + SHA256, "docker.io", "library/alpine", null, SHA256, "docker.io/library/alpine@" + SHA256),
                arguments("alpine:3.19@" + SHA256, "docker.io", "library/alpine", "3.19", SHA256,
                        "docker.io/library/alpine:3.19@" + SHA256),
                arguments("ghcr.io/owner/img@" + SHA512, "ghcr.io", "owner/img", null, SHA512, "ghcr.io/owner/img@" + SHA512),
                arguments("ghcr.io/owner/img@" + SHA384, "ghcr.io", "owner/img", null, SHA384, "ghcr.io/owner/img@" + SHA384),
                arguments("host:5000/x:tag@" + SHA256, "host:5000", "x", "tag", SHA256, "host:5000/x:tag@" + SHA256),
                arguments("[::1]:5000/x@" + SHA256, "[::1]:5000", "x", null, SHA256, "[::1]:5000/x@" + SHA256));
    }

    /** input, fragment the message must contain. */
    static Stream<Arguments> invalidReferences() {
        return Stream.of(
                arguments("", "reference is empty"),
                arguments("   ", "reference is empty"),
                arguments("\t\n", "reference is empty"),
                arguments(" alpine", "reference contains whitespace at index 0"),
                arguments("alpine ", "reference contains whitespace at index 6"),
                arguments("alpine\n", "reference contains whitespace"),
                arguments("al pine", "reference contains whitespace"),
                arguments("alpine\u00a0", "reference contains whitespace"),
                arguments("https://host/x", "reference must not include a scheme"),
                arguments("docker://alpine", "reference must not include a scheme"),
                arguments("Foo/bar", "repository name must be lowercase"),
                arguments("ALPINE", "repository name must be lowercase"),
                arguments("host:5000/Foo", "repository name must be lowercase"),
                arguments("LOCALHOST/x", "repository name must be lowercase"),
                arguments("a//b", "repository path contains an empty component"),
                arguments("alpine/", "repository path contains an empty component"),
                arguments("/alpine", "repository path contains an empty component"),
                arguments("alpine:", "missing tag after ':'"),
                arguments("alpine:@" + SHA256, "missing tag after ':'"),
                arguments("alpine@", "missing digest after '@'"),
                arguments(":tag", "missing repository name"),
                arguments("@" + SHA256, "missing repository name"),
                arguments("host:5000/", "missing repository name"),
                arguments("a@b@c", "reference contains more than one '@'"),
                arguments("alpine@@" + SHA256, "reference contains more than one '@'"),
                arguments("alpine:" + TAG_128 + "t", "tag is longer than 128 characters"),
                arguments("alpine:-tag", "invalid tag \"-tag\""),
                arguments("alpine:.tag", "invalid tag \".tag\""),
                arguments("alpine:ta+g", "invalid tag \"ta+g\""),
                arguments("alpine@sha256:abc", "invalid digest: sha256 needs exactly 64 lowercase hex characters"),
                arguments("alpine@sha256:" + HEX64.toUpperCase(), "invalid digest: sha256 needs exactly 64"),
                arguments("alpine@sha512:" + HEX64, "invalid digest: sha512 needs exactly 128"),
                arguments("alpine@" + HEX64, "invalid digest: expected <algorithm>:<hex>"),
                arguments("alpine@SHA256:" + HEX64, "invalid digest: expected <algorithm>:<hex>"),
                arguments("alpine@sha256:" + HEX64 + ":x", "invalid digest"),
                arguments("alpine@md5:" + HEX64.substring(0, 32), "unsupported digest algorithm \"md5\""),
                arguments("alpine@sha256+b64:abc", "unsupported digest algorithm \"sha256+b64\""),
                arguments("-alpine", "invalid repository path component \"-alpine\""),
                arguments("alpine-", "invalid repository path component \"alpine-\""),
                arguments("a..b", "invalid repository path component \"a..b\""),
                arguments("a___b", "invalid repository path component \"a___b\""),
                arguments("alpine:tag:x", "invalid repository path component \"alpine:tag\""),
                arguments("host:port/x", "invalid registry host \"host:port\""),
                arguments("-host.com/x", "invalid registry host \"-host.com\""),
                arguments("[::1/x", "invalid registry host \"[::1\""),
                arguments("[ab]/x", "invalid registry host \"[ab]\""),
                arguments("host..com/x", "invalid registry host \"host..com\""),
                // a first component with '.' or ':' anywhere, even first, is meant as a host
                arguments(".host/x", "invalid registry host \".host\""),
                arguments(":5000/x", "invalid registry host \":5000\""),
                arguments("host:0/x", "invalid registry port \"0\" in \"host:0\": expected 1-65535"),
                arguments("host:65536/x", "invalid registry port \"65536\" in \"host:65536\": expected 1-65535"),
                arguments("[::1]:0/x", "invalid registry port \"0\" in \"[::1]:0\""),
                // too many digits for an int: still the port's message, not a number-format crash
                arguments("host:99999999999/x", "invalid registry port \"99999999999\""),
                arguments("caf\u00e9", "reference contains invalid character U+00E9 at index 3"),
                arguments("\u0430lpine", "reference contains invalid character U+0430 at index 0"),
                arguments("alpine!", "reference contains invalid character '!' (U+0021) at index 6"),
                arguments("alpine\u007f", "reference contains invalid character U+007F at index 6"),
                arguments("a/b" + "c".repeat(244), "repository name is longer than 255 characters"),
                // docker.io/ccc... would be 250 characters; with library/ added it is 258
                arguments("c".repeat(240), "repository name is longer than 255 characters (258 including the registry)"),
                arguments(HEX64, "repository name cannot be a 64-character hexadecimal string"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validReferences")
    void parsesAndNormalizesValidReferences(String input, String registry, String repository, String tag,
                                            String digest, String canonical) throws InvalidReferenceException {
        ImageReference reference = ImageReference.parse(input);

        assertEquals(registry, reference.registry(), "registry");
        assertEquals(repository, reference.repository(), "repository");
        assertEquals(tag, reference.tag(), "tag");
        assertEquals(digest, reference.digest(), "digest");
        assertEquals(canonical, reference.toString(), "toString");
        assertEquals(registry + "/" + repository, reference.name(), "name");
        assertEquals(digest != null, reference.hasDigest(), "hasDigest");
        assertEquals(digest != null ? digest : tag, reference.identifier(), "identifier");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validReferences")
    void canonicalFormParsesBackToAnEqualReference(String input) throws InvalidReferenceException {
        ImageReference reference = ImageReference.parse(input);

        ImageReference again = ImageReference.parse(reference.toString());

        assertEquals(reference, again);
        assertEquals(reference.toString(), again.toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidReferences")
    void rejectsInvalidReferencesNamingTheInputAndTheReason(String input, String expectedReason) {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(input));

        assertTrue(e.getMessage().contains(expectedReason),
                () -> "expected the message to contain <" + expectedReason + "> but was <" + e.getMessage() + ">");
        assertTrue(e.getMessage().startsWith("invalid reference \""), e.getMessage());
        assertEquals(input, e.input());
        assertTrue(e.getMessage().endsWith(": " + e.reason()), e.getMessage());
    }

    @Test
    void messageQuotesTheInputAndStatesTheReason() {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ImageReference.parse("Foo/bar"));

        assertEquals("invalid reference \"Foo/bar\": repository name must be lowercase", e.getMessage());
        assertEquals("Foo/bar", e.input());
        assertEquals("repository name must be lowercase", e.reason());
    }

    @Test
    void messageEscapesControlQuoteAndNonAsciiCharactersSoItStaysOneAsciiLine() {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class,
                () -> ImageReference.parse("al\"p\\i\u00e9ne\n"));

        assertEquals("invalid reference \"al\\\"p\\\\i\\u00e9ne\\n\": reference contains whitespace at index 9",
                e.getMessage());
    }

    @Test
    void messageShowsASpaceAsItIsAndTheDeleteCharacterAsItsCode() {
        assertEquals("invalid reference \"al pine\": reference contains whitespace at index 2",
                assertThrows(InvalidReferenceException.class, () -> ImageReference.parse("al pine")).getMessage());
        assertEquals("invalid reference \"alpine\\u007f\": reference contains invalid character U+007F at index 6",
                assertThrows(InvalidReferenceException.class, () -> ImageReference.parse("alpine\u007f")).getMessage());
    }

    @Test
    void messageShortensVeryLongInputButKeepsItWholeInInput() {
        String input = "a".repeat(5000);

        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(input));

        assertTrue(e.getMessage().contains("\"... (5000 characters): "), e.getMessage());
        assertTrue(e.getMessage().length() < 800, "message length " + e.getMessage().length());
        assertEquals(input, e.input());
    }

    @Test
    void nullIsRejectedAsEmpty() {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(null));

        assertEquals("invalid reference (null): reference is empty", e.getMessage());
    }

    @Test
    void schemeMessageSaysWhatToRemove() {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class,
                () -> ImageReference.parse("https://ghcr.io/owner/img:1"));

        assertEquals("reference must not include a scheme (remove \"https://\")", e.reason());
    }

    @Test
    void identifierIsTheDigestWhenBothTagAndDigestAreGiven() throws InvalidReferenceException {
        ImageReference reference = ImageReference.parse("alpine:3.19@" + SHA256);

        assertEquals(SHA256, reference.identifier());
        assertEquals("3.19", reference.tag());
        assertTrue(reference.hasDigest());
    }

    @Test
    void identifierIsTheTagWithoutADigest() throws InvalidReferenceException {
        ImageReference reference = ImageReference.parse("ghcr.io/owner/img:1.2");

        assertEquals("1.2", reference.identifier());
        assertFalse(reference.hasDigest());
        assertNull(reference.digest());
    }

    @Test
    void digestOnlyReferenceHasNoTag() throws InvalidReferenceException {
        ImageReference reference = ImageReference.parse("alpine@" + SHA256);

        assertNull(reference.tag());
        assertEquals(SHA256, reference.identifier());
    }

    @Test
    void missingTagAndDigestDefaultsToLatest() throws InvalidReferenceException {
        assertEquals(ImageReference.DEFAULT_TAG, ImageReference.parse("localhost:5000/x").tag());
    }

    @Test
    void isTagFollowsTheDistributionTagGrammar() {
        for (String tag : List.of("latest", "v1.2.3-rc_1", "_x", "0", TAG_128)) {
            assertTrue(ImageReference.isTag(tag), tag);
        }
        for (String notTag : List.of("", ".x", "-x", "a+b", "a/b", "a:b", "caf\u00e9", TAG_128 + "t")) {
            assertFalse(ImageReference.isTag(notTag), notTag);
        }
    }

    @Test
    void constructorRefusesAReferenceWithNeitherTagNorDigest() {
        assertThrows(IllegalArgumentException.class, () -> new ImageReference("docker.io", "library/alpine", null, null));
        assertThrows(NullPointerException.class, () -> new ImageReference(null, "library/alpine", "latest", null));
        assertThrows(NullPointerException.class, () -> new ImageReference("docker.io", null, "latest", null));
    }
}
