package dev.labels.app;

import java.util.List;
import java.util.function.Function;

/** Runs inspections of several references and prints their records; shared by {@code inspect} and {@code list}. */
public final class Batch {
    private Batch() {
    }

    /**
     * Inspects every reference and prints a record for each, in input order; returns the exit code.
     *
     * @param progress reports the run on stderr
     */
    public static int run(Progress progress, ImageInspector inspector, List<String> references, int jobs,
                          RecordPrinter printer) {
        return run(progress, reference -> List.of(inspector.inspect(reference)), references, jobs, printer);
    }

    /**
     * As {@link #run(Progress, ImageInspector, List, int, RecordPrinter)} with any number of records per
     * reference (one per platform for --all-platforms). The first failure in input order decides the exit code.
     */
    public static int run(Progress progress, Function<String, List<Outcome>> inspect, List<String> references, int jobs,
                          RecordPrinter printer) {
        int[] exitCode = {ExitStatus.OK};
        new BatchRunner<List<Outcome>>(jobs).run(references, inspect, outcomes -> {
            boolean failed = false;
            for (Outcome outcome : outcomes) {
                failed |= outcome.failed();
                printer.print(outcome.record());
                if (exitCode[0] == ExitStatus.OK && outcome.failed()) {
                    exitCode[0] = outcome.exitCode();
                }
            }
            progress.record(failed);
        });
        progress.finish();
        printer.finish();
        return exitCode[0];
    }
}
