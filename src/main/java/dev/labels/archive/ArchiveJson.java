package dev.labels.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Reading the two JSON files the image model does not cover: {@code oci-layout} and docker save's
 * {@code manifest.json}. Unknown fields are ignored (both formats grew fields over time); trailing garbage
 * is not.
 */
final class ArchiveJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ArchiveJson() {
    }

    static JsonNode read(byte[] content, String what) throws ArchiveException {
        try {
            JsonNode root = MAPPER.readTree(content);
            if (root == null || root.isMissingNode()) {
                throw ArchiveException.invalid(what + " is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw ArchiveException.invalid(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw ArchiveException.invalid("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    static <T> T convert(JsonNode node, Class<T> type, String what) throws ArchiveException {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw ArchiveException.invalid("invalid " + what + ": " + detail, e);
        }
    }
}
