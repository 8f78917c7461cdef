package dev.labels.registry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Authorization values this run has sent to registries. A registry has them, so it can send them back
 * (echoed in an error, in a garbage body that ends up quoted in a parse error); text from a registry is
 * scrubbed of them before it reaches a message, where a CI log would publish it.
 */
final class SentSecrets {
    private final Set<String> sent = ConcurrentHashMap.newKeySet();

    void add(String authorization) {
        if (authorization != null) {
            sent.add(authorization);
        }
    }

    String scrub(String text) {
        String out = text;
        for (String authorization : sent) {
            out = Sanitizer.redact(out, authorization);
        }
        return out;
    }

    /** Whether any message in an exception's cause chain holds a secret (so the chain must not be printed). */
    boolean appearIn(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !scrub(message).equals(message)) {
                return true;
            }
        }
        return false;
    }
}
