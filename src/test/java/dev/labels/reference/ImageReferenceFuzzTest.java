package dev.labels.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random property tests: parse never fails with anything but InvalidReferenceException, and
 * what it accepts is canonical (its toString() parses back to an equal value). The seed is fixed so
 * a failure is reproducible; the failing input is printed, escaped.
 */
class ImageReferenceFuzzTest {

    private static final long SEED = 0x1abe15L;
    private static final int RANDOM_CASES = 100_000;
    private static final int GENERATED_VALID_CASES = 20_000;

    private static final String GRAMMAR_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:/@._-";
    /** Whitespace, unicode look-alikes and case traps, control and format characters, emoji, a lone surrogate. */
    private static final List<String> ODD_CHARS = List.of(" ", "\t", "\n", "\r", "\u00a0", "\u3000", "\u0085",
            "\u00e9", "\u00df", "\u0130", "\u0131", "\u0430", "\u212a", "\u0000", "\u007f", "\u200b", "\ufeff",
            "\ud83d\ude00", "\ud800", "[", "]", "+", "=", "%", "!", "\\", "\"", "#", "?", "*", "~");
    private static final List<String> TOKENS = List.of("docker.io", "index.docker.io", "localhost", "library",
            "alpine", "/", "/", ":", ":", "@", ".", "_", "__", "-", "--", "sha256:", "sha512:", "md5:",
            "0123456789abcdef".repeat(4), "0123456789abcdef".repeat(8), "[::1]", ":5000", "latest", "https://",
            "127.0.0.1", "..", "A", "Z", "9");
    private static final List<String> VALID_SEEDS = List.of("alpine", "alpine:3.19", "wehkamp/x:tag",
            "docker.io/library/alpine:latest", "index.docker.io/alpine", "host:5000/a/b/c:tag", "localhost/x",
            "localhost:5000/x", "127.0.0.1:5000/x", "[::1]:5000/x", "ghcr.io/o/i@sha256:" + "ab".repeat(32),
            "quay.io/a/b:v1@sha512:" + "cd".repeat(64), "a__b/c---d.e_f:_T.g-h");

    @Test
    void randomInputEitherParsesToACanonicalReferenceOrThrowsInvalidReferenceException() {
        Random random = new Random(SEED);
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < RANDOM_CASES; i++) {
            String input = randomInput(random);
            Object outcome = outcomeOf(input);
            if (outcome instanceof ImageReference reference) {
                parsed++;
                assertParsesBackEqual(input, reference);
            } else if (outcome instanceof InvalidReferenceException e) {
                rejected++;
                assertTrue(e.getMessage().startsWith("invalid reference "), e.getMessage());
                assertTrue(e.reason() != null && !e.reason().isBlank(), e.getMessage());
                assertEquals(input, e.input());
            } else {
                Throwable t = (Throwable) outcome;
                fail("parse(" + InvalidReferenceException.quote(input) + ") threw " + t, t);
            }
        }
        // Guard against a generator that only ever produces one kind of input.
        assertTrue(parsed > RANDOM_CASES / 20, "only " + parsed + " inputs parsed");
        assertTrue(rejected > RANDOM_CASES / 20, "only " + rejected + " inputs rejected");
    }

    @Test
    void generatedValidReferencesParseToTheirExpectedNormalForm() throws InvalidReferenceException {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < GENERATED_VALID_CASES; i++) {
            Generated generated = generateValid(random);
            ImageReference reference = ImageReference.parse(generated.text());

            assertEquals(generated.expected(), reference, generated.text());
            assertParsesBackEqual(generated.text(), reference);
        }
    }

    @Test
    void veryLongRepetitiveInputIsRejectedWithoutStackOverflow() {
        for (String unit : List.of("a-", "a.", "a_", "a/", "a", "-", "sha256+", "a:")) {
            String input = unit.repeat(200_000 / unit.length());
            for (String candidate : List.of(input, "x@" + input, "x:" + input, "host.com/" + input, input + ":t")) {
                Object outcome = outcomeOf(candidate);
                assertTrue(outcome instanceof InvalidReferenceException,
                        () -> "unit " + unit + ": " + outcome);
            }
        }
    }

    private static void assertParsesBackEqual(String input, ImageReference reference) {
        Object again = outcomeOf(reference.toString());
        if (!(again instanceof ImageReference)) {
            fail("parse(" + InvalidReferenceException.quote(input) + ") gave " + reference
                    + " which does not parse back: " + again);
        }
        assertEquals(reference, again, () -> "round trip of " + InvalidReferenceException.quote(input));
        assertEquals(reference.toString(), again.toString());
    }

    /** The parsed reference, or whatever parse threw (caught here so assertions stay outside). */
    private static Object outcomeOf(String input) {
        try {
            return ImageReference.parse(input);
        } catch (InvalidReferenceException | RuntimeException | StackOverflowError e) {
            return e;
        }
    }

    // --- random input ---------------------------------------------------------------------------

    private static String randomInput(Random random) {
        int kind = random.nextInt(100);
        if (kind < 30) {
            return randomChars(random, GRAMMAR_CHARS, random.nextInt(41), 0);
        } else if (kind < 40) {
            return randomChars(random, GRAMMAR_CHARS, random.nextInt(41), 10);
        } else if (kind < 75) {
            String valid = random.nextBoolean()
                    ? VALID_SEEDS.get(random.nextInt(VALID_SEEDS.size()))
                    : generateValid(random).text();
            return mutate(random, valid, 1 + random.nextInt(4));
        } else if (kind < 85) {
            return generateValid(random).text();
        } else if (kind < 95) {
            StringBuilder text = new StringBuilder();
            for (int n = 1 + random.nextInt(8); n > 0; n--) {
                text.append(TOKENS.get(random.nextInt(TOKENS.size())));
            }
            return text.toString();
        } else {
            return randomChars(random, random.nextBoolean() ? "a-" : GRAMMAR_CHARS, 200 + random.nextInt(3000), 0);
        }
    }

    /** length random characters from alphabet; oddPercent of them from ODD_CHARS instead. */
    private static String randomChars(Random random, String alphabet, int length, int oddPercent) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(100) < oddPercent) {
                text.append(ODD_CHARS.get(random.nextInt(ODD_CHARS.size())));
            } else {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return text.toString();
    }

    private static String mutate(Random random, String valid, int mutations) {
        StringBuilder text = new StringBuilder(valid);
        for (int m = 0; m < mutations; m++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length());
            switch (random.nextInt(8)) {
                case 0 -> text.insert(at, GRAMMAR_CHARS.charAt(random.nextInt(GRAMMAR_CHARS.length())));
                case 1 -> text.insert(at, ODD_CHARS.get(random.nextInt(ODD_CHARS.size())));
                case 2 -> {
                    if (text.length() > 0) {
                        text.deleteCharAt(at);
                    }
                }
                case 3 -> {
                    if (text.length() > 0) {
                        text.setCharAt(at, GRAMMAR_CHARS.charAt(random.nextInt(GRAMMAR_CHARS.length())));
                    }
                }
                case 4 -> {
                    int end = at + random.nextInt(text.length() - at + 1);
                    text.insert(end, text.substring(at, end));
                }
                case 5 -> {
                    if (text.length() > 0) {
                        text.setCharAt(at, Character.toUpperCase(text.charAt(at)));
                    }
                }
                case 6 -> text.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
                default -> text.setLength(at);
            }
        }
        return text.toString();
    }

    // --- valid references, built from the grammar, with their expected normal form ---------------

    private record Generated(String text, ImageReference expected) {
    }

    private static Generated generateValid(Random random) {
        while (true) {
            String typedRegistry;
            String registry;
            switch (random.nextInt(8)) {
                case 0 -> typedRegistry = null;
                case 1 -> typedRegistry = "docker.io";
                case 2 -> typedRegistry = "index.docker.io";
                case 3 -> typedRegistry = "localhost" + port(random);
                case 4 -> typedRegistry = random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256)
                        + "." + random.nextInt(256) + port(random);
                case 5 -> typedRegistry = "[" + (random.nextBoolean() ? "::1" : "2001:DB8:0:0::" + random.nextInt(100))
                        + "]" + port(random);
                case 6 -> typedRegistry = hostComponent(random) + ":" + random.nextInt(65536); // "host:port", no dot
                default -> typedRegistry = hostComponent(random) + "." + hostComponent(random) + port(random);
            }
            registry = typedRegistry == null || typedRegistry.equals("index.docker.io") ? "docker.io" : typedRegistry;

            int components = 1 + random.nextInt(4);
            StringBuilder path = new StringBuilder();
            for (int c = 0; c < components; c++) {
                if (c > 0) {
                    path.append('/');
                }
                path.append(pathComponent(random));
            }
            // Without an explicit registry the first component must not look like one.
            if (typedRegistry == null && components > 1
                    && Registries.looksLikeRegistry(path.substring(0, path.indexOf("/")))) {
                continue;
            }
            String repository = registry.equals("docker.io") && components == 1 ? "library/" + path : path.toString();
            if (registry.length() + 1 + repository.length() > 255) {
                continue;
            }
            String tag = random.nextInt(3) == 0 ? null : tag(random);
            String digest = random.nextInt(3) == 0 ? digest(random) : null;
            String text = (typedRegistry == null ? "" : typedRegistry + "/") + path
                    + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
            if (text.matches("[a-f0-9]{64}")) {
                continue;
            }
            String expectedTag = tag == null && digest == null ? "latest" : tag;
            return new Generated(text, new ImageReference(registry, repository, expectedTag, digest));
        }
    }

    private static String port(Random random) {
        return random.nextBoolean() ? "" : ":" + random.nextInt(65536);
    }

    private static String hostComponent(Random random) {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        String inner = letters + "-";
        StringBuilder host = new StringBuilder().append(letters.charAt(random.nextInt(letters.length())));
        int length = random.nextInt(10);
        if (length > 0) {
            for (int i = 1; i < length; i++) {
                host.append(inner.charAt(random.nextInt(inner.length())));
            }
            host.append(letters.charAt(random.nextInt(letters.length())));
        }
        return host.toString();
    }

    private static String pathComponent(Random random) {
        StringBuilder component = new StringBuilder(alphanumeric(random));
        for (int n = random.nextInt(4); n > 0; n--) {
            String[] separators = {".", "_", "__", "-", "--", "---"};
            component.append(separators[random.nextInt(separators.length)]).append(alphanumeric(random));
        }
        return component.toString();
    }

    private static String alphanumeric(Random random) {
        return randomChars(random, "abcdefghijklmnopqrstuvwxyz0123456789", 1 + random.nextInt(8), 0);
    }

    private static String tag(Random random) {
        String first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        int length = random.nextInt(10) == 0 ? 128 : random.nextInt(20);
        return first.charAt(random.nextInt(first.length())) + randomChars(random, first + ".-", Math.max(0, length - 1), 0);
    }

    private static String digest(Random random) {
        int choice = random.nextInt(3);
        String algorithm = choice == 0 ? "sha256" : choice == 1 ? "sha384" : "sha512";
        int length = choice == 0 ? 64 : choice == 1 ? 96 : 128;
        return algorithm + ":" + randomChars(random, "0123456789abcdef", length, 0);
    }
}
