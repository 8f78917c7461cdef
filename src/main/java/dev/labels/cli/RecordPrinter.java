package dev.labels.cli;

import dev.labels.labels.ImageRecord;
import dev.labels.labels.JsonWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints batch records: streamed one per line (ndjson), or gathered into one JSON array (json). */
final class RecordPrinter {
    private final PrintWriter out;
    private final OutputFormat format;
    private final boolean compact;
    private final List<Object> gathered = new ArrayList<>();

    RecordPrinter(PrintWriter out, OutputFormat format, boolean compact) {
        this.out = out;
        this.format = format;
        this.compact = compact;
    }

    void print(ImageRecord record) {
        if (format == OutputFormat.ndjson) {
            out.print(new JsonWriter(true).write(record.toJson()));
            out.flush();
        } else {
            gathered.add(record.toJson());
        }
    }

    void finish() {
        if (format == OutputFormat.json) {
            out.print(new JsonWriter(compact).write(gathered));
            out.flush();
        }
    }
}
