package dev.labels.app;

import dev.labels.error.LabelsException.Kind;
import dev.labels.output.ImageRecord;

/**
 * What became of one input reference: its record for the output, and on failure the error (which decides the
 * exit code) — exactly one per input, whatever happened.
 */
public record Outcome(ImageRecord record, Throwable error) {

    static Outcome success(ImageRecord record) {
        return new Outcome(record, null);
    }

    static Outcome failure(String reference, String resolved, Throwable error) {
        Kind kind = ExitStatus.kindOf(error);
        return new Outcome(ImageRecord.failed(reference, resolved, ExitStatus.meaning(kind).recordCode(),
                ExitStatus.message(error, kind)), error);
    }

    public boolean failed() {
        return error != null;
    }

    int exitCode() {
        return error == null ? ExitStatus.OK : ExitStatus.meaning(ExitStatus.kindOf(error)).exitCode();
    }
}
