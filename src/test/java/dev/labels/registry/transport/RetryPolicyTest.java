package dev.labels.registry.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(3, new Random(42));

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void overloadAndGatewayStatusesAreRetried(int status) {
        assertTrue(RetryPolicy.isRetryable(status));
        assertTrue(policy.afterStatus(1, status, Optional.empty()).retry());
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 301, 400, 401, 403, 404, 405, 408, 410, 413, 416, 501, 505})
    void everyOtherStatusIsFinal(int status) {
        assertFalse(RetryPolicy.isRetryable(status));
        assertFalse(policy.afterStatus(1, status, Optional.empty()).retry());
    }

    @Test
    void transientTransportFailuresAreRetriedAndPermanentOnesAreNot() {
        assertTrue(RetryPolicy.isRetryable(new ConnectException("Connection refused")));
        assertTrue(RetryPolicy.isRetryable(new SocketTimeoutException("timeout")));
        assertTrue(RetryPolicy.isRetryable(new SocketException("Connection reset")));
        assertTrue(RetryPolicy.isRetryable(new ProtocolException("unexpected end of stream")));
        assertTrue(RetryPolicy.isRetryable(new IOException("unexpected end of stream on http://localhost:1/...",
                new EOFException())));

        assertFalse(RetryPolicy.isRetryable(new UnknownHostException("registry.invalid")));
        assertFalse(RetryPolicy.isRetryable(new SSLHandshakeException("PKIX path building failed")));
        assertFalse(RetryPolicy.isRetryable(new ProtocolException("Too many follow-up requests: 21")));
        assertFalse(RetryPolicy.isRetryable(new ProtocolException("Unexpected status line: <html>")));
        assertFalse(RetryPolicy.isRetryable(new IOException("Canceled")));
    }

    @Test
    void afterTheLastRetryThePolicyGivesUp() {
        IOException reset = new SocketException("Connection reset");
        assertTrue(policy.afterFailure(3, reset).retry());
        assertFalse(policy.afterFailure(4, reset).retry(), "3 retries: 4 tries in all");
        assertFalse(policy.afterStatus(4, 503, Optional.empty()).retry());
    }

    @Test
    void zeroRetriesNeverRetries() {
        RetryPolicy none = new RetryPolicy(0, new Random(1));
        assertFalse(none.afterFailure(1, new ConnectException()).retry());
        assertFalse(none.afterStatus(1, 503, Optional.empty()).retry());
    }

    @Test
    void negativeRetriesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(-1, new Random(1)));
    }

    @Test
    void backoffIsFullJitterUnderAnExponentialCeiling() {
        for (int tries = 1; tries <= 8; tries++) {
            long ceiling = Math.min(RetryPolicy.BASE_DELAY.toMillis() << (tries - 1), RetryPolicy.MAX_DELAY.toMillis());
            long max = 0;
            for (int i = 0; i < 2000; i++) {
                Duration delay = policy.backoff(tries);
                assertTrue(!delay.isNegative() && delay.toMillis() <= ceiling, tries + ": " + delay);
                max = Math.max(max, delay.toMillis());
            }
            assertTrue(max > ceiling * 9 / 10, "the whole range is used: " + max + " of " + ceiling);
        }
    }

    @Test
    void retryAfterIsHonouredExactlyUpToTheCap() {
        RetryPolicy.Decision decision = policy.afterStatus(1, 429, Optional.of(Duration.ofSeconds(7)));
        assertEquals(Duration.ofSeconds(7), decision.delay());
        assertEquals(RetryPolicy.MAX_RETRY_AFTER, policy.afterStatus(1, 503, Optional.of(RetryPolicy.MAX_RETRY_AFTER))
                .delay());
    }

    @Test
    void retryAfterBeyondTheCapGivesUpAndSaysWhy() {
        RetryPolicy.Decision decision = policy.afterStatus(1, 429, Optional.of(Duration.ofSeconds(3600)));

        assertFalse(decision.retry());
        assertNull(decision.delay());
        assertTrue(decision.reason().contains("3600 s"), decision.reason());
    }

    @Test
    void retryAfterIsIgnoredForStatusesThatAreNotRetried() {
        assertFalse(policy.afterStatus(1, 404, Optional.of(Duration.ofSeconds(1))).retry());
    }
}
