package dev.labels.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON object that also keeps every member in document order, a key given twice included. As an
 * {@link ObjectNode} it reads as before (a repeated key keeps its last value); {@link JsonFields} reads the
 * members, since Go's decoder, which Docker and skopeo use, decodes every occurrence of a key in turn.
 */
final class DocumentObject extends ObjectNode {
    private static final long serialVersionUID = 1L;

    private final List<Map.Entry<String, JsonNode>> members = new ArrayList<>();

    DocumentObject(JsonNodeFactory nodes) {
        super(nodes);
    }

    void add(String name, JsonNode value) {
        members.add(Map.entry(name, value));
        set(name, value);
    }

    /** The members of several objects one after the other, as Go decodes them into one struct. */
    static DocumentObject concatenation(List<JsonNode> objects) {
        DocumentObject all = new DocumentObject(JsonNodeFactory.instance);
        for (JsonNode object : objects) {
            for (Map.Entry<String, JsonNode> member : members(object)) {
                all.add(member.getKey(), member.getValue());
            }
        }
        return all;
    }

    /** Every member of {@code object} in document order, repeated keys included when it was parsed here. */
    static Iterable<Map.Entry<String, JsonNode>> members(JsonNode object) {
        return object instanceof DocumentObject parsed ? Collections.unmodifiableList(parsed.members)
                : object.properties();
    }
}
