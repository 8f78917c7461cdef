package dev.labels.registry.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static Optional<Duration> retryAfter(String value) {
        Response.Builder response = new Response.Builder()
                .request(new Request.Builder().url("https://registry.example.com/v2/").build())
                .protocol(Protocol.HTTP_1_1).code(429).message("Too Many Requests");
        if (value != null) {
            response.header("Retry-After", value);
        }
        return RetryAfter.of(response.build(), NOW);
    }

    @Test
    void delaySeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(5)), retryAfter("5"));
        assertEquals(Optional.of(Duration.ZERO), retryAfter("0"));
        assertEquals(Optional.of(Duration.ofSeconds(120)), retryAfter(" 120 "));
    }

    @Test
    void hugeDelaySecondsSaturateInsteadOfOverflowing() {
        assertEquals(Optional.of(Duration.ofSeconds(999_999_999)), retryAfter("99999999999999999999999"));
    }

    @Test
    void httpDateIsTheTimeLeftUntilThen() {
        assertEquals(Optional.of(Duration.ofSeconds(10)), retryAfter("Sun, 01 Mar 2026 12:00:10 GMT"));
        assertEquals(Optional.of(Duration.ofHours(1)), retryAfter("Sun, 01 Mar 2026 13:00:00 GMT"));
    }

    @Test
    void httpDateInThePastMeansNow() {
        assertEquals(Optional.of(Duration.ZERO), retryAfter("Sun, 01 Mar 2026 11:00:00 GMT"));
    }

    @Test
    void absentNegativeOrGarbageIsIgnored() {
        assertEquals(Optional.empty(), retryAfter(null));
        assertEquals(Optional.empty(), retryAfter(""));
        assertEquals(Optional.empty(), retryAfter("-5"));
        assertEquals(Optional.empty(), retryAfter("soon"));
        assertEquals(Optional.empty(), retryAfter("1.5"));
    }
}
