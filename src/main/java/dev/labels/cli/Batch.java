package dev.labels.cli;

import java.util.List;

/** Runs inspections of several references and prints their records; shared by {@code inspect} and {@code list}. */
final class Batch {
    /** Concurrency limits for --jobs: one at a time, up to far more than any registry likes. */
    static final int MIN_JOBS = 1;
    static final int MAX_JOBS = 64;

    private Batch() {
    }

    static void checkJobs(int jobs) throws UsageException {
        if (jobs < MIN_JOBS || jobs > MAX_JOBS) {
            throw new UsageException("--jobs must be between " + MIN_JOBS + " and " + MAX_JOBS + ", got " + jobs);
        }
    }

    /** Inspects every reference and prints a record for each, in input order; returns the exit code. */
    static int run(LabelsCommand parent, ImageInspector inspector, List<String> references, int jobs,
                   RecordPrinter printer) {
        Progress progress = parent.progress(references.size());
        int[] exitCode = {ExitCodes.OK};
        new BatchRunner(jobs).run(references, inspector::inspect, outcome -> {
            progress.record(outcome.failed());
            printer.print(outcome.record());
            if (exitCode[0] == ExitCodes.OK && outcome.failed()) {
                exitCode[0] = outcome.exitCode();
            }
        });
        progress.finish();
        printer.finish();
        return exitCode[0];
    }
}
