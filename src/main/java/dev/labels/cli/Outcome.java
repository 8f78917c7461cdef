package dev.labels.cli;

import dev.labels.output.ImageRecord;
import dev.labels.image.ResolvedImage;

/**
 * What became of one input reference: its record for the output, and on failure the error (which decides the
 * exit code) — exactly one per input, whatever happened.
 */
record Outcome(ImageRecord record, ResolvedImage image, Throwable error) {

    static Outcome success(ImageRecord record, ResolvedImage image) {
        return new Outcome(record, image, null);
    }

    static Outcome failure(String reference, String resolved, Throwable error) {
        return new Outcome(ImageRecord.failed(reference, resolved, ExitCodes.errorCode(error), ExitCodes.message(error)),
                null, error);
    }

    boolean failed() {
        return error != null;
    }

    int exitCode() {
        return error == null ? ExitCodes.OK : ExitCodes.of(error);
    }
}
