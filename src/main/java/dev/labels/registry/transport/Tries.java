package dev.labels.registry.transport;

/**
 * A request's tag (OkHttp {@code Request.tag}) that the retry interceptor fills in: how many times the request
 * was sent and, when it stopped early, why. The transport reads it back to say "(after 4 tries)" in errors.
 * One per request, used by the one thread that executes it.
 */
final class Tries {
    private int count;
    private String stopReason;

    void started(int tries) {
        this.count = tries;
    }

    void stoppedBecause(String reason) {
        this.stopReason = reason;
    }

    int count() {
        return count;
    }

    /** " (after 4 tries)", " (after 2 tries; REASON)", " (REASON)", or "" for one plain try. */
    String describe() {
        String after = count > 1 ? "after " + count + " tries" : "";
        if (stopReason == null) {
            return after.isEmpty() ? "" : " (" + after + ")";
        }
        return " (" + (after.isEmpty() ? "" : after + "; ") + stopReason + ")";
    }
}
