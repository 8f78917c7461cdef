package dev.labels.registry.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The pull limits of a run's registries, by the host[:port] that counts the pulls (Docker Hub's
 * registry-1.docker.io, or a mirror): whether a limit has been reached, and who wants to know how many pulls
 * remain. A limit reached stays reached for the rest of the run: Docker Hub's window is six hours, so no wait
 * within a run cures it, and every manifest GET sent after it is refused. {@link PullLimitGuard} sets and
 * reads this state; it is the run's, shared by every image of a batch.
 */
public final class PullLimits {
    /**
     * A limit reached.
     *
     * @param host     the host[:port] that counts the pulls
     * @param quota    what it last said about its limit
     * @param resetsAt when its window resets, when it said (Retry-After or ratelimit-reset), else null
     */
    public record Reached(String host, PullQuota quota, Instant resetsAt) {
        /** "the pull rate limit of HOST was reached (100 pulls per 6 h); it resets in 1 h 30 min (at T)". */
        String describe(Instant now) {
            String limit = quota.describeLimit();
            String reset = resetsAt == null ? "the registry did not say when its window resets"
                    : "it resets in " + Durations.words(ceilSeconds(Duration.between(now, resetsAt))) + " (at "
                    + resetsAt.truncatedTo(ChronoUnit.SECONDS) + ")";
            return "the pull rate limit of " + host + " was reached" + (limit == null ? "" : " (" + limit + ")")
                    + "; " + reset;
        }

        /** Whole seconds, rounded up: a reset 5399.9 s away reads "1 h 30 min", as it was said. */
        private static long ceilSeconds(Duration duration) {
            return duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        }
    }

    /** A batch about to start, told when the registry's first count says it will run out. */
    private record Expectation(IntSupplier pullsNeeded, Consumer<String> warn) {
    }

    private final Clock clock;
    private final Map<String, Reached> reached = new ConcurrentHashMap<>();
    private final Map<String, Expectation> expectations = new ConcurrentHashMap<>();

    PullLimits(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    public Optional<Reached> reached(String host) {
        return Optional.ofNullable(reached.get(host));
    }

    /** Marks {@code host}'s limit as reached; the first to do so is kept. */
    Reached reach(String host, PullQuota quota, Duration resetIn) {
        Instant resetsAt = resetIn == null ? null : now().plus(resetIn);
        return reached.computeIfAbsent(host, key -> new Reached(host, quota, resetsAt));
    }

    /**
     * Asks to be warned once, on the first answer of {@code host} that counts the pulls left, when fewer remain
     * than {@code pullsNeeded} says (asked then, so that only registries that count pay for working it out).
     */
    public void expect(String host, IntSupplier pullsNeeded, Consumer<String> warn) {
        expectations.put(host, new Expectation(pullsNeeded, warn));
    }

    /**
     * A manifest answer of {@code host} that counts the pulls left.
     *
     * @param pull whether the answer was to a GET, which used one of them
     */
    void counted(String host, PullQuota quota, boolean pull) {
        Expectation expectation = expectations.remove(host);
        if (expectation == null || quota.remaining() == null || reached.containsKey(host)) {
            return;
        }
        int needed = expectation.pullsNeeded().getAsInt() - (pull ? 1 : 0);
        if (needed > quota.remaining()) {
            String of = quota.limit() == null ? "" : " (of " + quota.limit()
                    + (quota.windowSeconds() == null ? "" : " per " + Durations.words(quota.windowSeconds())) + ")";
            expectation.warn().accept(host + " has " + quota.remaining() + " pulls left" + of
                    + " and this run needs at least " + needed
                    + " more (images not in the cache): those past the limit will fail with RATE_LIMITED");
        }
    }
}
