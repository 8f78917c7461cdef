package dev.labels.cli;

import dev.labels.output.EnvWriter;
import dev.labels.output.FormatException;
import dev.labels.output.ImageRecord;
import dev.labels.output.JsonWriter;
import dev.labels.output.Nesting;
import dev.labels.output.OutputFormat;
import dev.labels.output.PropertiesWriter;
import dev.labels.output.TableWriter;

/**
 * The output of {@code inspect} for one image when no record format was asked for: the labels object (or
 * with --full, one object with {@code labels} inside), env assignments, a properties file, or a KEY/VALUE
 * table.
 */
final class SingleImagePrinter {
    private SingleImagePrinter() {
    }

    /**
     * What to print, and the failure to report once it is printed: {@code -o env} still prints the labels it
     * may set when it leaves out others ({@link EnvWriter.Assignments}).
     *
     * @param failure null when the output is complete
     */
    record Rendered(String text, FormatException failure) {
    }

    /** @param format null for the default JSON object; otherwise env, properties or table */
    static Rendered render(ImageRecord record, OutputFormat format, OutputOptions options, boolean full)
            throws FormatException {
        if (format == null) {
            Object json = full ? record.toJson(options.nested)
                    : options.nested ? Nesting.nest(record.labels()) : record.labels();
            return new Rendered(new JsonWriter(options.compact).write(json), null);
        }
        return switch (format) {
            case env -> {
                EnvWriter.Assignments env = new EnvWriter(options.envPrefix()).write(record.labels());
                yield new Rendered(env.text(), env.refusal());
            }
            case properties -> new Rendered(new PropertiesWriter().write(record.labels()), null);
            case table -> {
                TableWriter table = new TableWriter("KEY", "VALUE");
                record.labels().forEach(table::add);
                yield new Rendered(table.write(), null);
            }
            case json, ndjson -> throw new IllegalArgumentException("-o " + format + " prints records");
        };
    }
}
