package dev.labels.cli;

import dev.labels.labels.EnvWriter;
import dev.labels.labels.FormatException;
import dev.labels.labels.ImageRecord;
import dev.labels.labels.JsonWriter;
import dev.labels.labels.Nesting;
import dev.labels.labels.PropertiesWriter;
import dev.labels.labels.TableWriter;

/**
 * The output of {@code inspect} for one image when no record format was asked for: the labels object (or
 * with --full, one object with {@code labels} inside), env assignments, a properties file, or a KEY/VALUE
 * table.
 */
final class SingleImagePrinter {
    private SingleImagePrinter() {
    }

    /** @param format null for the default JSON object; otherwise env, properties or table */
    static String render(ImageRecord record, OutputFormat format, OutputOptions options, boolean full)
            throws FormatException {
        if (format == null) {
            Object json = full ? record.toJson(options.nested)
                    : options.nested ? Nesting.nest(record.labels()) : record.labels();
            return new JsonWriter(options.compact).write(json);
        }
        return switch (format) {
            case env -> new EnvWriter(options.envPrefix()).write(record.labels());
            case properties -> new PropertiesWriter().write(record.labels());
            case table -> {
                TableWriter table = new TableWriter("KEY", "VALUE");
                record.labels().forEach(table::add);
                yield table.write();
            }
            case json, ndjson -> throw new IllegalArgumentException("-o " + format + " prints records");
        };
    }
}
