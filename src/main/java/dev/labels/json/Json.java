// Over 250 lines: the one place a Jackson parser or generator is made, so reading and writing live together.
package dev.labels.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.labels.text.SafeText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * Every JSON document this tool reads or writes goes through here: jackson-core's streaming parser and generator
 * with databind's tree nodes, never an ObjectMapper, whose set-up (type factory, annotation introspection, date
 * formats and locale data) would cost a short run more than its work (docs/performance.md, Start-up). The
 * documents are small (manifests, configs, token answers, settings files) and are all read as trees.
 *
 * <p>{@link #parse} is strict where ObjectMapper is lenient: content after the value is an error, not ignored
 * (manifests, configs, archives, settings files); {@link #parseLeading} reads what other programs answer, as
 * Docker does. As a tree, a repeated key keeps its last value, as {@code readTree} does; objects also keep
 * every member in order for {@link JsonFields}, which reads them as Go does. Nesting is bounded by
 * jackson-core's stream constraints.
 */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final CharacterEscapes TERMINAL_SAFE = new TerminalSafeEscapes();

    private Json() {
    }

    /**
     * The document's value; {@link MissingNode} when there is none (empty or only whitespace).
     *
     * @throws JsonSyntaxException it is not JSON, ends inside a value, has content after the value, or is
     *         beyond the parser's limits; the message never quotes the document
     */
    public static JsonNode parse(byte[] document) throws JsonSyntaxException {
        return read(() -> FACTORY.createParser(document), true);
    }

    /** As {@link #parse(byte[])}. */
    public static JsonNode parse(String document) throws JsonSyntaxException {
        return read(() -> FACTORY.createParser(document), true);
    }

    /**
     * The first value of a document, ignoring whatever follows it: for what other programs send (token
     * services, registries' error and tag documents, credential helpers), which Docker reads the same way
     * (Go's json.Decoder). Otherwise as {@link #parse(byte[])}.
     */
    public static JsonNode parseLeading(byte[] document) throws JsonSyntaxException {
        return read(() -> FACTORY.createParser(document), false);
    }

    /** As {@link #parseLeading(byte[])}. */
    public static JsonNode parseLeading(String document) throws JsonSyntaxException {
        return parseLeading(document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** How a parser is made over a document held in memory. */
    @FunctionalInterface
    private interface ParserSource {
        JsonParser open() throws IOException;
    }

    /**
     * Every parse ends here, so that every failure becomes a {@link JsonSyntaxException}: jackson-core's own
     * messages quote the token where it stopped, which may be a line of a secret file.
     */
    private static JsonNode read(ParserSource source, boolean whole) throws JsonSyntaxException {
        JsonParser parser = null;
        try {
            parser = source.open();
            JsonToken first = parser.nextToken();
            if (first == null) {
                return MissingNode.getInstance();
            }
            JsonNode value = readValue(parser, first);
            if (whole && parser.nextToken() != null) {
                throw JsonSyntaxException.of(JsonSyntaxException.Kind.CONTENT_AFTER_VALUE, parser.currentTokenLocation());
            }
            return value;
        } catch (JsonSyntaxException e) {
            throw e;
        } catch (IOException e) {
            // Documents in memory: every IOException is the parser's verdict on the content, not an I/O failure.
            throw JsonSyntaxException.of(e, parser == null ? null : parser.currentLocation());
        } finally {
            closeQuietly(parser);
        }
    }

    private static void closeQuietly(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                // Nothing was held open but memory.
            }
        }
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** {@code value} on one line, without a trailing newline. */
    public static String compact(Object value) {
        return write(value, null);
    }

    /**
     * @param value  maps (their keys as text), iterables, strings, numbers, booleans, null and tree nodes
     * @param pretty the layout, or null for one line
     */
    public static String write(Object value, PrettyPrinter pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.setPrettyPrinter(pretty);
            generator.setCharacterEscapes(TERMINAL_SAFE);
            writeValue(generator, value);
        } catch (IOException e) {
            // A StringWriter does no I/O.
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The parser bounds the nesting depth (StreamReadConstraints), so the recursion is bounded too. */
    private static JsonNode readValue(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                DocumentObject object = new DocumentObject(NODES);
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    object.add(name, readValue(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(readValue(parser, next));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw JsonSyntaxException.of(JsonSyntaxException.Kind.NOT_JSON, parser.currentTokenLocation());
        }
    }

    private static void writeValue(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof JsonNode node) {
            writeNode(out, node);
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            out.writeStartArray();
            for (Object item : items) {
                writeValue(out, item);
            }
            out.writeEndArray();
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            out.writeNumber(big);
        } else if (value instanceof BigDecimal decimal) {
            out.writeNumber(decimal);
        } else if (value instanceof Number number) {
            out.writeNumber(number.doubleValue());
        } else {
            // Only the types above are ever written: anything else is a bug, not a user error.
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeNode(JsonGenerator out, JsonNode node) throws IOException {
        if (node.isObject()) {
            out.writeStartObject();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                out.writeFieldName(entry.getKey());
                writeNode(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (Iterator<JsonNode> items = node.elements(); items.hasNext(); ) {
                writeNode(out, items.next());
            }
            out.writeEndArray();
        } else if (node.isTextual()) {
            out.writeString(node.textValue());
        } else if (node.isNumber()) {
            writeValue(out, node.numberValue());
        } else if (node.isBoolean()) {
            out.writeBoolean(node.booleanValue());
        } else {
            out.writeNull();
        }
    }

    /**
     * JSON escapes control characters below U+0020 only. Output that reaches a terminal (jq, a CI log) must not
     * carry the other characters a terminal acts on either: DEL, C1 controls, bidi controls and U+2028/2029 are
     * written as {@code \}{@code uXXXX} too ({@link SafeText#needsEscape}), which every JSON reader decodes to the
     * same string, so values still read back exactly.
     */
    private static final class TerminalSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalSafeEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            return c > 0x7f && c <= 0xffff && SafeText.needsEscape((char) c)
                    ? new SerializedString(String.format("\\u%04X", c)) : null;
        }
    }
}
