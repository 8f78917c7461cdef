package dev.labels.registry.transport;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The one place that decides whether a failed request is worth another try, and how long to wait first.
 *
 * <p>Only failures that a moment's wait can cure are retried: an overloaded or restarting registry or proxy,
 * a dropped connection, a stall. A 404, a 401, a TLS or DNS failure or a malformed answer would fail the same
 * way again, so they are reported at once. Waits are exponential with full jitter (AWS architecture blog,
 * "Exponential Backoff And Jitter"), so that the many requests of a batch do not come back in lockstep; a
 * {@code Retry-After} is honoured as given, up to {@link #MAX_RETRY_AFTER}.
 */
final class RetryPolicy {
    static final Duration BASE_DELAY = Duration.ofMillis(500);
    static final Duration MAX_DELAY = Duration.ofSeconds(8);
    /**
     * The longest Retry-After we wait for. Longer means the registry wants us gone for a while (Docker Hub's pull
     * limit says hours): better to fail with "rate limited" now than to hang a pipeline.
     */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    /** Statuses worth another try, with the reason. Every other status is final. */
    private static final Map<Integer, String> RETRYABLE_STATUSES = Map.of(
            // Docker Hub's pull limit never gets here: PullLimitGuard turns it into a failure no wait cures.
            429, "too many requests: wait as long as Retry-After says",
            500, "internal error: often a registry's storage backend hiccuping",
            502, "bad gateway: the proxy in front of the registry could not reach it",
            503, "unavailable: overloaded or restarting",
            504, "gateway timeout: the registry behind a proxy was too slow");

    /** A transport failure worth another try, by what it means. */
    private record Transient(String meaning, Predicate<IOException> matches) {
    }

    /**
     * Transport failures worth another try. Not here, so final: unknown host (a typo does not heal), TLS
     * failures (a certificate does not change in seconds), redirect loops and other protocol errors.
     */
    private static final List<Transient> RETRYABLE_FAILURES = List.of(
            new Transient("connect or read timed out", e -> e instanceof SocketTimeoutException),
            new Transient("connection refused, reset or unreachable", e -> e instanceof SocketException),
            // OkHttp says "unexpected end of stream" for a cut body (a ProtocolException) and for a connection closed
            // before the status line. Its other ProtocolExceptions (a redirect loop, a garbled status line) are final.
            new Transient("connection closed mid-answer", e -> String.valueOf(e.getMessage())
                    .startsWith("unexpected end of stream")));

    /** What to do after a failed try. */
    record Decision(Duration delay, String reason) {
        static final Decision STOP = new Decision(null, null);

        boolean retry() {
            return delay != null;
        }

        /** Gives up for a reason worth telling the user (null: nothing to add to the error). */
        static Decision stop(String reason) {
            return new Decision(null, reason);
        }
    }

    private final int retries;
    private final RandomGenerator random;

    /**
     * @param retries how many times a request is tried again after its first failure; 0 disables retries
     * @param random  the jitter's source; tests pass a seeded one
     */
    RetryPolicy(int retries, RandomGenerator random) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, got " + retries);
        }
        this.retries = retries;
        this.random = random;
    }

    static boolean isRetryable(int status) {
        return RETRYABLE_STATUSES.containsKey(status);
    }

    /** A pull limit reached ({@link PullLimitGuard}) is final whatever its words: its window is hours long. */
    static boolean isRetryable(IOException failure) {
        return !(failure instanceof PullLimitGuard.PullLimitException)
                && RETRYABLE_FAILURES.stream().anyMatch(t -> t.matches().test(failure));
    }

    /** After try number {@code tries} (1 for the first) ended in an exception. */
    Decision afterFailure(int tries, IOException failure) {
        if (!isRetryable(failure) || tries > retries) {
            return Decision.STOP;
        }
        return new Decision(backoff(tries), null);
    }

    /**
     * After try number {@code tries} got an answer with this status.
     *
     * @param retryAfter the answer's Retry-After, when it had a valid one
     */
    Decision afterStatus(int tries, int status, Optional<Duration> retryAfter) {
        if (!isRetryable(status) || tries > retries) {
            return Decision.STOP;
        }
        if (retryAfter.isPresent()) {
            Duration wait = retryAfter.get();
            if (wait.compareTo(MAX_RETRY_AFTER) > 0) {
                return Decision.stop("the registry asked us to wait " + wait.toSeconds() + " s (Retry-After), "
                        + "longer than the " + MAX_RETRY_AFTER.toSeconds() + " s we wait");
            }
            return new Decision(wait, null);
        }
        return new Decision(backoff(tries), null);
    }

    /** Full jitter: uniform in [0, min(MAX_DELAY, BASE_DELAY * 2^(tries-1))]. */
    Duration backoff(int tries) {
        long ceiling = BASE_DELAY.toMillis() << Math.min(tries - 1, 20);
        ceiling = Math.min(ceiling, MAX_DELAY.toMillis());
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }
}
