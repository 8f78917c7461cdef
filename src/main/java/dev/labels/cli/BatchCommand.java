package dev.labels.cli;

/**
 * A command that reads many images in one run ({@code inspect}, {@code list}): {@code --jobs} and its bounds,
 * declared once.
 */
abstract class BatchCommand extends StandardOptions {
    /** Concurrency limits for --jobs: one at a time, up to far more than any registry likes. */
    static final int MIN_JOBS = 1;
    static final int MAX_JOBS = 64;

    int jobs;

    /** The standard options, then --jobs. */
    void declareBatchOptions(CommandModel model) {
        declareStandardOptions(model);
        model.option("-j", "--jobs").label("N").defaultValue("16")
                .description("Requests in flight across the run; twice as many images are worked on "
                        + "(default: ${DEFAULT-VALUE}).")
                .value(int.class, () -> jobs, value -> jobs = value);
    }

    /** Refuses a --jobs outside its bounds, before any request. */
    void checkJobs() throws UsageException {
        if (jobs < MIN_JOBS || jobs > MAX_JOBS) {
            throw new UsageException("--jobs must be between " + MIN_JOBS + " and " + MAX_JOBS + ", got " + jobs);
        }
    }
}
