package dev.labels.registry.transport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Authorization values this run has sent to registries. A registry has them, so it can send them back
 * (echoed in an error, in a garbage body that ends up quoted in a parse error); text from a registry is
 * scrubbed of them before it reaches a message, where a CI log would publish it.
 */
public final class SentSecrets {
    private final Set<String> sent = ConcurrentHashMap.newKeySet();

    void add(String authorization) {
        if (authorization != null) {
            sent.add(authorization);
        }
    }

    public String scrub(String text) {
        String out = text;
        for (String authorization : sent) {
            out = scrub(out, authorization);
        }
        return out;
    }

    /**
     * Removes the secret of an Authorization value from text a registry sent back: a registry that quotes the
     * token or credentials it refused ("invalid token: eyJ...") must not get them printed on a CI log.
     * For Basic, the decoded user:password and the password alone go too.
     *
     * @param authorization the header value we sent, or null
     */
    static String scrub(String text, String authorization) {
        if (text == null || authorization == null) {
            return text;
        }
        int space = authorization.indexOf(' ');
        String credential = authorization.substring(space + 1).strip();
        String out = replace(text, credential);
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
                out = replace(out, decoded);
                int colon = decoded.indexOf(':');
                if (colon >= 0) {
                    out = replace(out, decoded.substring(colon + 1));
                }
            } catch (IllegalArgumentException e) {
                // Not base64: only the value as sent can appear, and it is gone already.
            }
        }
        return out;
    }

    private static String replace(String text, String secret) {
        return secret.isEmpty() ? text : text.replace(secret, "<redacted>");
    }

    /** Whether any message in an exception's cause chain holds a secret (so the chain must not be printed). */
    public boolean appearIn(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !scrub(message).equals(message)) {
                return true;
            }
        }
        return false;
    }
}
