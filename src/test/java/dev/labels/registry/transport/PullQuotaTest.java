package dev.labels.registry.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the pull-limit headers, which are foreign text: Docker Hub's forms, the draft's, and garbage. */
class PullQuotaTest {

    private static PullQuota of(String... namesAndValues) {
        return PullQuota.of(Headers.of(namesAndValues));
    }

    @Test
    void readsDockerHubsHeaders() {
        assertEquals(new PullQuota(100, 87, 21600L, "203.0.113.7", null), of("ratelimit-limit", "100;w=21600",
                "ratelimit-remaining", "87;w=21600", "docker-ratelimit-source", "203.0.113.7"));
    }

    /** The first member is the limit that applies now; the policies after it do not say its window. */
    @Test
    void headerNamesAreCaseInsensitiveAndTheDraftsFormsAreRead() {
        assertEquals(new PullQuota(10, 3, null, null, 30L), of("RateLimit-Limit", "10, 10;w=1, 50;w=60",
                "RateLimit-Remaining", "3", "RateLimit-Reset", "30"));
    }

    @Test
    void noHeadersIsNoLimit() {
        PullQuota quota = of("Content-Type", "application/json");

        assertEquals(new PullQuota(null, null, null, null, null), quota);
        assertEquals(false, quota.reported());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "-5",
        "+5",
        "5.0",
        "0x10",
        "1e3",
        "9999999999",
        "99999999999999999999;w=21600",
        "'' ",
        "abc;w=21600",
    })
    void aCountThatIsNotAPlainNumberIsNotRead(String value) {
        assertEquals(null, of("ratelimit-remaining", value).remaining());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "100;w=-1",
        "100;w=abc",
        "100;w=99999999999",
        "100;x=21600",
        "100",
    })
    void aWindowThatIsNotAPlainNumberIsNotRead(String value) {
        PullQuota quota = of("ratelimit-limit", value);

        assertEquals(100, quota.limit());
        assertEquals(null, quota.windowSeconds());
    }

    @Test
    void aValueLongerThanAnyRealOneIsNotRead() {
        String padded = "100;w=21600;" + "x".repeat(PullQuota.MAX_VALUE_CHARS);

        assertEquals(null, of("ratelimit-limit", padded).limit());
    }

    @Test
    void aSourceLongerThanAnyAddressOrAccountIsLeftOut() {
        assertEquals(null, of("docker-ratelimit-source", "x".repeat(PullQuota.MAX_SOURCE_CHARS + 1)).source());
        assertEquals("x".repeat(PullQuota.MAX_SOURCE_CHARS), of("docker-ratelimit-source",
                "x".repeat(PullQuota.MAX_SOURCE_CHARS)).source());
    }

    @Test
    void theLimitIsDescribedInWords() {
        assertEquals("100 pulls per 6 h", of("ratelimit-limit", "100;w=21600").describeLimit());
        assertEquals("200 pulls", of("ratelimit-limit", "200").describeLimit());
        assertEquals(null, of("Content-Type", "application/json").describeLimit());
    }

    @ParameterizedTest
    @CsvSource({"21600, 6 h", "5400, 1 h 30 min", "3601, 1 h", "90, 1 min 30 s", "45, 45 s", "0, 0 s", "-3, 0 s"})
    void durationsInWords(long seconds, String words) {
        assertEquals(words, Durations.words(seconds));
    }
}
