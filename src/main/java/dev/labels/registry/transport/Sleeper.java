package dev.labels.registry.transport;

import java.time.Duration;

/** Waits between tries. Behind an interface so that tests check the backoff without waiting for it. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
