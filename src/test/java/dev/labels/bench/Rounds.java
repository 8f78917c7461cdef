package dev.labels.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs commands in rounds (each command once per round, in turn) so that a slow minute of the machine hurts
 * all of them alike, checks each run's output, records its wall time and the proxy traffic it caused, and
 * stops starting runs once the time budget is spent.
 */
final class Rounds {
    /** Lets the proxy's accept thread count a connection made just before a client exited. */
    private static final long SETTLE_MILLIS = 20;

    private final Traffic traffic;
    private final Path work;
    private final PrintStream out;
    private final long started;
    private final long deadline;
    private final Duration budget;

    /** Thrown instead of starting a run after the time budget is spent. */
    static final class OutOfBudget extends RuntimeException {
        OutOfBudget(String message) {
            super(message);
        }
    }

    /**
     * A command to measure.
     *
     * @param command made anew for each run (a fresh empty cache folder, say)
     * @param stdout  where its stdout goes, for the check to read; null to discard it
     */
    record Contender(Measurement measurement, int runs, Duration timeout, Supplier<List<String>> command,
                     Map<String, String> env, Path stdout, Consumer<Processes.Result> check) {
    }

    Rounds(Traffic traffic, Path work, PrintStream out, long startedNanos, Duration budget) {
        this.traffic = traffic;
        this.work = work;
        this.out = out;
        this.started = startedNanos;
        this.deadline = startedNanos + budget.toNanos();
        this.budget = budget;
    }

    /** Since the benchmark started, which its budget counts from. */
    double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** Runs every contender its number of times, in rounds, then prints what each measured. */
    void measure(List<Contender> contenders) {
        int rounds = contenders.stream().mapToInt(Contender::runs).max().orElse(0);
        for (int round = 0; round < rounds; round++) {
            for (Contender contender : contenders) {
                if (round < contender.runs()) {
                    measureOnce(contender);
                }
            }
        }
        contenders.forEach(contender -> print(contender.measurement()));
    }

    /** One checked run that is not measured: a warm-up, or filling a cache. */
    Processes.Result once(List<String> command, Map<String, String> env, Path stdout, Duration timeout,
                          Consumer<Processes.Result> check) {
        checkBudget();
        Processes.Result result = Processes.run(command, env, work, stdout, work.resolve("stderr.txt"), timeout);
        check.accept(result);
        return result;
    }

    private void measureOnce(Contender contender) {
        Traffic.Snapshot before = traffic.snapshot();
        Processes.Result result = once(contender.command().get(), contender.env(), contender.stdout(),
                contender.timeout(), contender.check());
        pause(SETTLE_MILLIS);
        contender.measurement().add(result.wall(), result.cpu(), traffic.snapshot().minus(before));
    }

    private void print(Measurement measurement) {
        out.printf(Locale.ROOT, "  %-38s %s%n", measurement.name(), measurement.describeTimes());
        out.printf(Locale.ROOT, "  %-38s runs: %s%n", "", measurement.allTimes());
        out.printf(Locale.ROOT, "  %-38s per run: %s%s%n", "", measurement.typicalTraffic().describe(),
                measurement.trafficVaries() ? " (first run; all runs: " + measurement.requestsPerRun() + " req)" : "");
        out.printf(Locale.ROOT, "  %-38s $ %s%n", "", measurement.command());
    }

    private void checkBudget() {
        if (System.nanoTime() > deadline) {
            throw new OutOfBudget("the time budget of " + budget.toMinutes() + " min is spent");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
