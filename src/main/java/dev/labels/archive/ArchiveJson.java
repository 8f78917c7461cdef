package dev.labels.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labels.json.Json;
import dev.labels.json.JsonFields;
import dev.labels.json.JsonShapeException;
import dev.labels.json.JsonSyntaxException;

/**
 * Reading the two JSON files the image model does not cover: {@code oci-layout} and docker save's
 * {@code manifest.json}. Unknown fields are ignored (both formats grew fields over time); trailing garbage
 * is not.
 */
final class ArchiveJson {

    private ArchiveJson() {
    }

    static JsonNode read(byte[] content, String what) throws ArchiveException {
        try {
            JsonNode root = Json.parse(content);
            if (root == null || root.isMissingNode()) {
                throw ArchiveException.invalid(what + " is empty");
            }
            return root;
        } catch (JsonSyntaxException e) {
            throw ArchiveException.invalid(what + " is " + e.getMessage(), e);
        }
    }

    /** One image object of docker save's manifest.json. */
    static DockerSaveEntry saveEntry(JsonNode node) throws ArchiveException {
        try {
            return new DockerSaveEntry(JsonFields.text(node, "Config"), JsonFields.texts(node, "RepoTags"),
                    JsonFields.texts(node, "Layers"));
        } catch (JsonShapeException e) {
            throw ArchiveException.invalid("invalid manifest.json entry: " + e.getMessage(), e);
        }
    }
}
