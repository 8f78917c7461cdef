package dev.labels.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.labels.json.JsonShapeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON reading every parser here shares, with errors that say what was being read. Trailing content is
 * rejected (see {@link dev.labels.json.Json}), so that JSON followed by garbage is not silently half-read.
 */
final class Json {

    /** How much of a non-JSON body is quoted in an error message. */
    private static final int PREVIEW_CHARS = 60;

    private Json() {
    }

    /**
     * Parses {@code body} as a JSON object, turning every failure into a one-line
     * {@link MalformedImageException} that names {@code what} was being read.
     */
    static JsonNode readObject(byte[] body, String what) throws MalformedImageException {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw new MalformedImageException(what + " is empty");
        }
        JsonNode root;
        try {
            root = dev.labels.json.Json.parse(body);
        } catch (JsonEOFException e) {
            throw new MalformedImageException(what + " is truncated JSON (" + body.length + " bytes)", e);
        } catch (JsonProcessingException e) {
            throw new MalformedImageException(what + " is not JSON: \"" + preview(body) + "\"", e);
        } catch (IOException e) {
            // readTree on a byte array does no I/O; keep the contract anyway.
            throw new MalformedImageException("cannot read " + what + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedImageException(what + " is not a JSON object");
        }
        return root;
    }

    /** Binds a tree to a record with {@link ModelBinding}, reporting a field of the wrong type as malformed. */
    static <T> T bind(Binder<T> binder, String what) throws MalformedImageException {
        try {
            return binder.bind();
        } catch (JsonShapeException e) {
            throw new MalformedImageException("invalid " + what + ": " + e.getMessage(), e);
        }
    }

    /** One binding of {@link ModelBinding}. */
    @FunctionalInterface
    interface Binder<T> {
        T bind() throws JsonShapeException;
    }

    /** The text of a field when it is a JSON string, else {@code null}. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /**
     * The first {@value #PREVIEW_CHARS} characters of a body, safe to print on one line:
     * control characters become spaces, runs of whitespace collapse, double quotes become
     * single quotes (the preview is itself quoted), "..." marks a cut.
     */
    static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        StringBuilder out = new StringBuilder();
        boolean lastSpace = false;
        int i = 0;
        for (; i < text.length() && out.length() < PREVIEW_CHARS; i++) {
            char c = text.charAt(i);
            boolean space = Character.isWhitespace(c) || Character.isISOControl(c) || c == '\uFFFD';
            if (space && !lastSpace) {
                out.append(' ');
            } else if (!space) {
                out.append(c == '"' ? '\'' : c);
            }
            lastSpace = space;
        }
        boolean cut = !text.substring(i).isBlank();
        return out.toString().strip() + (cut ? "..." : "");
    }
}
