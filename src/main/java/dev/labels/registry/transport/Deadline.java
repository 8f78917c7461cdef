package dev.labels.registry.transport;

import java.time.Duration;

/**
 * The time left to read one image ({@code --timeout}): every request of the image, its retries and the waits
 * between them share it, so that a registry that keeps failing slowly cannot hold a pipeline for longer.
 * Measured on the monotonic clock, like OkHttp's own timeouts.
 */
public final class Deadline {
    private final Duration timeout;
    private final long endNanos;

    private Deadline(Duration timeout) {
        this.timeout = timeout;
        this.endNanos = System.nanoTime() + timeout.toNanos();
    }

    public static Deadline after(Duration timeout) {
        return new Deadline(timeout);
    }

    /** Nanoseconds left, 0 once it has passed. */
    public long remainingNanos() {
        return Math.max(0, endNanos - System.nanoTime());
    }

    boolean expired() {
        return remainingNanos() == 0;
    }

    /** What a timeout says, e.g. "the time limit of 120 s for one image (--timeout) ran out". */
    String describe() {
        return "the time limit of " + timeout.toSeconds() + " s for one image (--timeout) ran out";
    }
}
