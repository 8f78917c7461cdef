package dev.labels.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The package's one ObjectMapper and the JSON reading every parser here shares.
 *
 * <p>Unknown properties are ignored because the specs are open-ended (OCI allows extra
 * fields; registries and build tools add their own). Trailing tokens are rejected so that
 * JSON followed by garbage is not silently half-read.
 */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

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
            root = MAPPER.readTree(body);
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

    /** Binds a tree to a record, reporting type errors (e.g. a string size) as malformed input. */
    static <T> T convert(JsonNode node, Class<T> type, String what) throws MalformedImageException {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new MalformedImageException("invalid " + what + ": " + detail, e);
        }
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
