package dev.labels.registry.transport;

import java.time.Duration;

/**
 * How hard to try before giving up on an image ({@code --retries}, {@code --timeout}).
 *
 * @param retries      how many times a failed request is tried again when the failure may pass (see
 *                     {@link RetryPolicy}); 0 disables retries
 * @param imageTimeout the time allowed for one image: every request, retry and wait of it together
 */
public record Reliability(int retries, Duration imageTimeout) {
    public static final int DEFAULT_RETRIES = 3;
    public static final int DEFAULT_TIMEOUT_SECONDS = 120;

    public Reliability {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, got " + retries);
        }
        if (imageTimeout.isNegative() || imageTimeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + imageTimeout);
        }
    }

    public static Reliability defaults() {
        return new Reliability(DEFAULT_RETRIES, Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));
    }
}
