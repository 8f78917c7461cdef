package dev.labels.registry.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets exactly one request go first to an endpoint that has not told us how to authenticate yet; the others wait
 * for it (bounded), so that a batch starting eight jobs at once sends one anonymous request and fetches one
 * token, not eight of each.
 */
final class FirstContacts {
    /** How long other requests wait for the first request to an endpoint to learn its challenge. */
    private static final long WAIT_SECONDS = 60;

    private final Map<String, CountDownLatch> first = new ConcurrentHashMap<>();

    /** True for the request that goes first, which must {@link #end} it; the others return once it has ended. */
    boolean begin(String authority) {
        CountDownLatch mine = new CountDownLatch(1);
        CountDownLatch earlier = first.putIfAbsent(authority, mine);
        if (earlier == null) {
            return true;
        }
        try {
            earlier.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    void end(String authority) {
        CountDownLatch latch = first.get(authority);
        if (latch != null) {
            latch.countDown();
        }
    }
}
