package dev.labels.registry;

/**
 * Text from a registry (error messages, HTML error pages) ends up in our error messages on a terminal.
 * It is untrusted: control characters and escape sequences are replaced, and long text is cut.
 */
final class Sanitizer {
    private static final int MAX_CHARS = 300;

    private Sanitizer() {
    }

    /**
     * Removes the secret of an Authorization value from text a registry sent back: a registry that quotes the
     * token or credentials it refused ("invalid token: eyJ...") must not get them printed on a CI log.
     * For Basic, the decoded user:password and the password alone go too.
     *
     * @param authorization the header value we sent, or null
     */
    static String redact(String text, String authorization) {
        if (text == null || authorization == null) {
            return text;
        }
        int space = authorization.indexOf(' ');
        String credential = authorization.substring(space + 1).strip();
        String out = replace(text, credential);
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(java.util.Base64.getDecoder().decode(credential),
                        java.nio.charset.StandardCharsets.UTF_8);
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

    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS));
        for (int i = 0; i < text.length() && out.length() < MAX_CHARS; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c)) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        if (text.length() > MAX_CHARS) {
            out.append("...");
        }
        return out.toString().strip();
    }
}
