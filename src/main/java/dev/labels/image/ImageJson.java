package dev.labels.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labels.json.JsonShapeException;
import dev.labels.json.JsonSyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * What the image parsers add to {@link dev.labels.json.Json}, the one JSON reader: its failures as a
 * {@link MalformedImageException} that says what was being read. Trailing content is rejected there, so that
 * JSON followed by garbage is not silently half-read.
 */
final class ImageJson {

    private ImageJson() {
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
        } catch (JsonSyntaxException e) {
            // Never a preview of the body: it may be a page a proxy sent, or a secret file behind a symlink.
            throw new MalformedImageException(what + " is " + e.getMessage(), e);
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
}
