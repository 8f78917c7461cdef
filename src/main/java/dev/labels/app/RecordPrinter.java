package dev.labels.app;

import dev.labels.output.ImageRecord;
import dev.labels.output.JsonWriter;
import dev.labels.output.OutputFormat;
import dev.labels.output.TableWriter;
import dev.labels.text.SafeText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints batch records: streamed one per line (ndjson), gathered into one JSON array (json), or gathered
 * into one table (table: REFERENCE, PLATFORM, KEY and VALUE, one row per label; an image without labels,
 * a failed image and unmet --require get a row with KEY {@code (no labels)}, {@code (error)} or
 * {@code (missing)}).
 */
public final class RecordPrinter {
    private final PrintWriter out;
    private final OutputFormat format;
    private final boolean compact;
    private final boolean nested;
    private final List<Object> gathered = new ArrayList<>();
    private final TableWriter table = new TableWriter("REFERENCE", "PLATFORM", "KEY", "VALUE");

    public RecordPrinter(PrintWriter out, OutputFormat format, boolean compact, boolean nested) {
        if (format.singleImageOnly()) {
            throw new IllegalArgumentException("-o " + format + " has no records"); // callers check first
        }
        this.out = out;
        this.format = format;
        this.compact = compact;
        this.nested = nested;
    }

    public void print(ImageRecord record) {
        switch (format) {
            case ndjson -> {
                out.print(new JsonWriter(true).write(record.toJson(nested)));
                out.flush();
            }
            case table -> addRows(record);
            default -> gathered.add(record.toJson(nested));
        }
    }

    public void finish() {
        if (format == OutputFormat.json) {
            out.print(new JsonWriter(compact).write(gathered));
        } else if (format == OutputFormat.table) {
            out.print(table.write());
        }
        out.flush();
    }

    private void addRows(ImageRecord record) {
        String platform = record.platform() == null ? "" : record.platform();
        if (record.failed()) {
            // Bounded and redacted like every diagnostic; the table escapes its cells itself.
            table.add(record.reference(), platform, "(error)",
                    record.error().code() + ": " + SafeText.bounded(record.error().message()));
            return;
        }
        if (record.labels().isEmpty()) {
            table.add(record.reference(), platform, "(no labels)", "");
        }
        record.labels().forEach((key, value) -> table.add(record.reference(), platform, key, value));
        if (!record.missing().isEmpty()) {
            table.add(record.reference(), platform, "(missing)", String.join(", ", record.missing()));
        }
    }
}
