package dev.labels.cli;

import picocli.CommandLine.Option;

/**
 * A command that reads many images in one run ({@code inspect}, {@code list}): {@code --jobs} and its bounds,
 * declared once. A superclass rather than a mixin, as {@link StandardOptions} is: picocli builds no separate
 * model for it at start-up.
 */
abstract class BatchCommand extends StandardOptions {
    /** Concurrency limits for --jobs: one at a time, up to far more than any registry likes. */
    static final int MIN_JOBS = 1;
    static final int MAX_JOBS = 64;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "8",
            description = "Requests in flight across the run; twice as many images are worked on "
                    + "(default: ${DEFAULT-VALUE}).")
    int jobs;

    /** Refuses a --jobs outside its bounds, before any request. */
    void checkJobs() throws UsageException {
        if (jobs < MIN_JOBS || jobs > MAX_JOBS) {
            throw new UsageException("--jobs must be between " + MIN_JOBS + " and " + MAX_JOBS + ", got " + jobs);
        }
    }
}
