package dev.labels.output;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.labels.json.Json;

/**
 * Writes values as JSON the way jq prints them: two-space indent, {@code "key": "value"}, {@code {}} for an
 * empty object; or all on one line for {@code --compact}. Always one trailing newline, so that output
 * concatenates into valid line-oriented streams.
 */
public final class JsonWriter {
    private final boolean compact;

    public JsonWriter(boolean compact) {
        this.compact = compact;
    }

    /** @param value maps, lists, strings, numbers, booleans and null (see {@link Json#write}) */
    public String write(Object value) {
        return Json.write(value, compact ? null : jqStyle()) + "\n";
    }

    /** A new one each time: a pretty printer keeps the nesting level while it writes. */
    private static DefaultPrettyPrinter jqStyle() {
        return new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    }
}
