package dev.labels.registry.transport;

import dev.labels.error.LabelsException.Kind;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many registry reads may be in flight at once across a run ({@code --jobs}). A batch works on more images
 * than that, so that one image's parsing, digest checks and cache writes overlap other images' requests and
 * the slots stay busy. Waiting for a slot is part of an image's time ({@code --timeout}), as every wait is.
 */
public final class RequestSlots {
    private final Semaphore permits;

    private RequestSlots(Semaphore permits) {
        this.permits = permits;
    }

    public static RequestSlots unlimited() {
        return new RequestSlots(null);
    }

    public static RequestSlots of(int inFlight) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("at least one request must be allowed, got " + inFlight);
        }
        return new RequestSlots(new Semaphore(inFlight, true));
    }

    /** A slot, held until the returned slot is closed. */
    public Slot take(Operation operation, Deadline deadline) throws RegistryException {
        if (permits == null) {
            return () -> { };
        }
        boolean taken;
        try {
            taken = permits.tryAcquire(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw operation.fail(Kind.NETWORK, "interrupted while waiting to send a request");
        }
        if (!taken) {
            throw operation.fail(Kind.NETWORK, "waiting for a free request slot (--jobs): " + deadline.describe());
        }
        return permits::release;
    }

    /** A held slot. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
