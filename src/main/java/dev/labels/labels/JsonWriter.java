package dev.labels.labels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * Writes values as JSON the way jq prints them: two-space indent, {@code "key": "value"}, {@code {}} for an
 * empty object; or all on one line for {@code --compact}. Always one trailing newline, so that output
 * concatenates into valid line-oriented streams.
 */
public final class JsonWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));
    private static final ObjectWriter COMPACT = MAPPER.writer();

    private final boolean compact;

    public JsonWriter(boolean compact) {
        this.compact = compact;
    }

    public String write(Object value) {
        try {
            return (compact ? COMPACT : PRETTY).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            // Only maps, lists and strings are written: failing here is a bug, not a user error.
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
