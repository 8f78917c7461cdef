// Over 250 lines: one typed read per field shape, each decoded as Go's encoding/json does, and their checks.
package dev.labels.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the typed fields of a JSON object, as the image and archive models bind them by hand. An absent field
 * and a JSON null read as null (0 for numbers); a field of the wrong type is a {@link JsonShapeException}.
 * Scalars are accepted where text is expected ({@code 5} reads as {@code "5"}), as Docker's own tools write
 * some labels unquoted.
 *
 * <p>A field is read as Go's encoding/json decodes it, since Docker, skopeo and the registries read the same
 * documents that way and labels must not give another answer. Every key that names the field whatever its
 * case ({@link GoFieldNames}) is an occurrence of it, decoded in document order into what the earlier ones
 * left: text, numbers and arrays are replaced by the last occurrence (a null leaves text and numbers as they
 * were, and clears an array); maps merge, a key's last value winning, and a null clears them; objects merge
 * field by field, as one Go struct decodes each occurrence in turn, and a null leaves them as they were (a
 * struct held by value, as image-spec's types hold theirs). An occurrence of the wrong type is an error, as
 * it makes Go's decoder fail.
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static String text(JsonNode object, String field) throws JsonShapeException {
        String text = null;
        for (JsonNode value : occurrences(object, field)) {
            String occurrence = textOf(value, quote(field));
            text = occurrence == null ? text : occurrence;
        }
        return text;
    }

    /** A whole number, or a string holding one (some registries quote sizes); 0 when absent. */
    public static long wholeNumber(JsonNode object, String field) throws JsonShapeException {
        long number = 0;
        for (JsonNode value : occurrences(object, field)) {
            if (!absent(value)) {
                number = wholeNumberOf(value, field);
            }
        }
        return number;
    }

    private static long wholeNumberOf(JsonNode value, String field) throws JsonShapeException {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().strip());
            } catch (NumberFormatException e) {
                // Not quoted: a document may be anything, and this message is printed.
                throw new JsonShapeException(quote(field) + " must be a whole number, got text that is not a number");
            }
        }
        // 1e400 reads as infinity, which has no decimal value.
        if (value.isNumber() && Double.isFinite(value.doubleValue())
                && value.decimalValue().stripTrailingZeros().scale() <= 0
                && value.decimalValue().toBigInteger().bitLength() < Long.SIZE) {
            return value.decimalValue().toBigInteger().longValue();
        }
        throw mismatch(quote(field), "a whole number", value);
    }

    /** The object under {@code field} (its occurrences merged), or null when absent. */
    public static JsonNode object(JsonNode object, String field) throws JsonShapeException {
        List<JsonNode> objects = new ArrayList<>(1);
        for (JsonNode value : occurrences(object, field)) {
            if (!absent(value)) {
                objects.add(checkObject(value, field));
            }
        }
        return objects.isEmpty() ? null : objects.size() == 1 ? objects.get(0) : DocumentObject.concatenation(objects);
    }

    /** The objects of an array field, in order; null when absent. */
    public static List<JsonNode> objects(JsonNode object, String field) throws JsonShapeException {
        JsonNode value = array(object, field);
        if (value == null) {
            return null;
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!absent(item) && !item.isObject()) {
                throw mismatch(quote(field + "[" + items.size() + "]"), "an object", item);
            }
            items.add(absent(item) ? null : item);
        }
        return items;
    }

    /** The texts of an array field, in order (null elements stay null); null when absent. */
    public static List<String> texts(JsonNode object, String field) throws JsonShapeException {
        JsonNode value = array(object, field);
        if (value == null) {
            return null;
        }
        List<String> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            items.add(textOf(item, quote(field + "[" + items.size() + "]")));
        }
        return items;
    }

    /** An object of texts, in document order (null values stay null); null when absent. */
    public static Map<String, String> textMap(JsonNode object, String field) throws JsonShapeException {
        List<JsonNode> maps = maps(object, field);
        if (maps == null) {
            return null;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        int place = 0;
        for (JsonNode map : maps) {
            for (Map.Entry<String, JsonNode> entry : DocumentObject.members(map)) {
                // The entry is named by its place, not its key: keys are the document's content.
                entries.put(entry.getKey(), textOf(entry.getValue(), "entry " + ++place + " of " + quote(field)));
            }
        }
        return entries;
    }

    /** An object whose values are kept as plain Java values ({@link #plain}); null when absent. */
    public static Map<String, Object> plainMap(JsonNode object, String field) throws JsonShapeException {
        List<JsonNode> maps = maps(object, field);
        if (maps == null) {
            return null;
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (JsonNode map : maps) {
            entries.putAll(asMap(map));
        }
        return entries;
    }

    /** Maps, lists, strings, numbers, booleans and null, as a tree's value reads in Java. */
    public static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            return asMap(node);
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>(node.size());
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                items.add(plain(it.next()));
            }
            return items;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    private static Map<String, Object> asMap(JsonNode object) {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : DocumentObject.members(object)) {
            entries.put(entry.getKey(), plain(entry.getValue()));
        }
        return entries;
    }

    /** Every value the object gives {@code field}, in document order: what Go's decoder decodes into it. */
    private static List<JsonNode> occurrences(JsonNode object, String field) {
        List<JsonNode> values = new ArrayList<>(1);
        for (Map.Entry<String, JsonNode> member : DocumentObject.members(object)) {
            if (GoFieldNames.matches(member.getKey(), field)) {
                values.add(member.getValue());
            }
        }
        return values;
    }

    /** The objects a map field merges, those after its last null; null when absent or cleared. */
    private static List<JsonNode> maps(JsonNode object, String field) throws JsonShapeException {
        List<JsonNode> maps = null;
        for (JsonNode value : occurrences(object, field)) {
            if (absent(value)) {
                maps = null;
            } else {
                if (maps == null) {
                    maps = new ArrayList<>(1);
                }
                maps.add(checkObject(value, field));
            }
        }
        return maps;
    }

    /** The array under {@code field}: its last occurrence, the others only checked; null when absent or null. */
    private static JsonNode array(JsonNode object, String field) throws JsonShapeException {
        JsonNode array = null;
        for (JsonNode value : occurrences(object, field)) {
            if (!absent(value) && !value.isArray()) {
                throw mismatch(quote(field), "an array", value);
            }
            array = absent(value) ? null : value;
        }
        return array;
    }

    private static JsonNode checkObject(JsonNode value, String field) throws JsonShapeException {
        if (!value.isObject()) {
            throw mismatch(quote(field), "an object", value);
        }
        return value;
    }

    /** @param where the value's place for errors: a quoted field name, or an entry's place in one */
    private static String textOf(JsonNode value, String where) throws JsonShapeException {
        if (absent(value)) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isValueNode()) {
            // Numbers and booleans as JSON writes them.
            return value.asText();
        }
        throw mismatch(where, "text", value);
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    private static JsonShapeException mismatch(String where, String expected, JsonNode found) {
        return new JsonShapeException(where + " must be " + expected + ", got " + kind(found));
    }

    private static String kind(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isTextual()) {
            return "text";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        return "a number";
    }

    private static String quote(String field) {
        return "\"" + field + "\"";
    }
}
