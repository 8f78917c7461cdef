package dev.labels.bench;

import dev.labels.bench.Rounds.Contender;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * What is measured over one transport, in order: one image cold and warm, many tags cold and warm, and many
 * references under a capped heap; and, once for all, start-up. Each scenario runs labels and skopeo in the same
 * rounds and hands its measurements to the {@link Report}.
 */
final class Scenarios {
    private static final Duration ONE_IMAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(5);
    private static final int VERSION_WARMUPS = 3;
    private static final int VERSION_RUNS = 20;
    /** Fixed, so that every run feeds the memory check the same scrambled order. */
    private static final long SHUFFLE_SEED = 42;

    private final Settings settings;
    private final Transport transport;
    private final Tools tools;
    private final Rounds rounds;
    private final Report report;
    private final PrintStream out;
    private final Path work;
    private final String one;
    private final Map<String, String> oneLabels;
    private final String repository;
    private final List<String> tagRefs;
    private final Path tagRefsFile;
    private final Path skopeoRefsFile;
    private final List<String> manyRefs;
    private final Path manyRefsFile;

    /**
     * @param host      the proxy's host:port, the registry of every reference
     * @param oneLabels the labels of the one image for this machine's platform, which both tools must print
     */
    Scenarios(Settings settings, Transport transport, Tools tools, Rounds rounds, Report report, PrintStream out,
              Path work, String host, Map<String, String> oneLabels) {
        this.settings = settings;
        this.transport = transport;
        this.tools = tools;
        this.rounds = rounds;
        this.report = report;
        this.out = out;
        this.work = work;
        this.one = host + "/" + BenchImages.MULTI + ":1";
        this.oneLabels = oneLabels;
        this.repository = host + "/" + BenchImages.APP;
        this.tagRefs = IntStream.rangeClosed(1, settings.tags()).mapToObj(tag -> repository + ":" + tag).toList();
        this.tagRefsFile = writeLines("refs.txt", tagRefs);
        this.skopeoRefsFile = writeLines("skopeo-refs.txt", tagRefs.stream().map(ref -> "docker://" + ref).toList());
        List<Integer> scrambled = new ArrayList<>(IntStream.rangeClosed(1, settings.manyRefs()).boxed().toList());
        Collections.shuffle(scrambled, new Random(SHUFFLE_SEED));
        this.manyRefs = scrambled.stream().map(tag -> host + "/" + BenchImages.MANY + ":" + tag).toList();
        this.manyRefsFile = writeLines("many-refs.txt", manyRefs);
    }

    void runAll() {
        calibrate();
        oneImage();
        manyTags();
        memory();
    }

    /**
     * One untimed run of each tool: checks that both read the proxy right, and times them for the estimate
     * of how long the rest takes, printed before the long part starts.
     */
    private void calibrate() {
        section("calibration");
        double skopeo = seconds(rounds.once(tools.skopeoInspect(one), tools.env(), stdout(), ONE_IMAGE_TIMEOUT,
                result -> OutputChecks.skopeoLabels(result, oneLabels)).wall());
        double labels = seconds(rounds.once(tools.labelsReading("inspect", "--cache-dir", emptyFolder(), one),
                tools.env(), stdout(), ONE_IMAGE_TIMEOUT, result -> OutputChecks.labelsObject(result, oneLabels)).wall());
        int tags = settings.tags();
        double latency = settings.latency().toMillis() / 1000.0;
        double labelsBatch = labels + tags * 3 * latency / settings.jobs();
        double loop = settings.loopRuns(transport) * tags * skopeo;
        // In parallel skopeo is bound by CPU: xargs -P cannot run more of them at once than there are cores.
        double xargs = settings.runs() * tags * skopeo
                / Math.min(settings.jobs(), Runtime.getRuntime().availableProcessors());
        double singles = 2 * settings.singleRuns() * (skopeo + labels);
        double batches = 3 * settings.runs() * labelsBatch + labels + settings.manyRefs() * 3 * latency / settings.jobs();
        double total = loop + xargs + singles + batches;
        out.printf(Locale.ROOT, "one image takes skopeo %.2f s, labels %.2f s (cold, JVM start included)%n", skopeo,
                labels);
        out.printf(Locale.ROOT, "estimate for this table: ~%.1f min of measuring: skopeo loop %d x %d x %.2f s = %.0f s, "
                        + "xargs ~%.0f s, one-image runs ~%.0f s, labels batches ~%.0f s%n",
                total / 60, settings.loopRuns(transport), tags, skopeo, loop, xargs, singles, batches);
        double left = settings.budget().toSeconds() - rounds.elapsedSeconds();
        if (total > left) {
            out.printf(Locale.ROOT, "warning: that is over the %.0f s left of the %d min budget; lower --runs, "
                    + "--loop-runs or --single-runs%n", left, settings.budget().toMinutes());
        }
    }

    /**
     * {@code labels --version}: the JVM's start and picocli, no network, the same over any transport; as
     * {@code hyperfine -N -w 3 -r 20}.
     */
    Measurement startup() {
        out.println();
        out.println("== start-up: labels --version (" + VERSION_WARMUPS + " warm-ups, then " + VERSION_RUNS + " runs)");
        List<String> version = tools.labels("--version");
        for (int i = 0; i < VERSION_WARMUPS; i++) {
            rounds.once(version, tools.env(), null, ONE_IMAGE_TIMEOUT, OutputChecks::exitedZero);
        }
        Measurement measurement = new Measurement("labels --version", tools.display(version));
        rounds.measure(List.of(new Contender(measurement, VERSION_RUNS, ONE_IMAGE_TIMEOUT, () -> version, tools.env(),
                null, OutputChecks::exitedZero)));
        return measurement;
    }

    /** The manifest list, read by both tools for this machine's platform: cold, then with labels' cache warm. */
    private void oneImage() {
        section("one image, cold: " + BenchImages.MULTI + ":1, a manifest list (linux/amd64, linux/arm64)");
        Measurement labelsCold = new Measurement("labels, empty cache",
                tools.display(tools.labelsReading("inspect", "--cache-dir", "$EMPTY", one)));
        Measurement skopeoCold = new Measurement("skopeo", tools.display(tools.skopeoInspect(one)));
        rounds.measure(List.of(
                labelsOne(labelsCold, () -> tools.labelsReading("inspect", "--cache-dir", emptyFolder(), one)),
                skopeoOne(skopeoCold)));
        report.oneImageCold(labelsCold, skopeoCold);

        section("one image, warm: the same image again; labels' cache holds it, skopeo has none");
        String cache = emptyFolder();
        List<String> warm = tools.labelsReading("inspect", "--cache-dir", cache, one);
        rounds.once(warm, tools.env(), stdout(), ONE_IMAGE_TIMEOUT, result -> OutputChecks.labelsObject(result, oneLabels));
        Measurement labelsWarm = new Measurement("labels, cache filled",
                tools.display(tools.labelsReading("inspect", "--cache-dir", "$CACHE", one)));
        Measurement skopeoAgain = new Measurement("skopeo", tools.display(tools.skopeoInspect(one)));
        rounds.measure(List.of(labelsOne(labelsWarm, () -> warm), skopeoOne(skopeoAgain)));
        report.oneImageWarm(labelsWarm, skopeoAgain);
    }

    /** Every tag of bench/app: labels in one run (--file, and list), skopeo once per tag (a loop, and xargs -P). */
    private void manyTags() {
        section(settings.tags() + " tags, cold: " + BenchImages.APP + ":1.." + settings.tags()
                + "; labels with an empty cache, skopeo once per tag");
        Measurement batchCold = new Measurement("labels inspect --file, empty cache",
                tools.display(tools.labelsReading("inspect", "--cache-dir", "$EMPTY", "--file", tagRefsFile.toString())));
        Measurement listCold = new Measurement("labels list, empty cache",
                tools.display(tools.labelsReading("list", "--cache-dir", "$EMPTY", repository)));
        Measurement xargs = new Measurement("skopeo, xargs -P " + settings.jobs(),
                tools.display(tools.skopeoXargs(skopeoRefsFile, settings.jobs())));
        Measurement loop = new Measurement("skopeo, sequential loop", "while read ref; do "
                + tools.display(tools.skopeoInspect()) + " \"$ref\"; done < " + skopeoRefsFile.getFileName());
        // The skopeo loop runs a few seconds per ten tags: three seconds a tag means a hang.
        Duration loopTimeout = Duration.ofSeconds(Math.max(300, settings.tags() * 3L));
        rounds.measure(List.of(
                new Contender(batchCold, settings.runs(), BATCH_TIMEOUT,
                        () -> tools.labelsReading("inspect", "--cache-dir", emptyFolder(), "--file", tagRefsFile.toString()),
                        tools.env(), stdout(), result -> OutputChecks.recordsInOrder(result, tagRefs)),
                new Contender(listCold, settings.runs(), BATCH_TIMEOUT,
                        () -> tools.labelsReading("list", "--cache-dir", emptyFolder(), repository),
                        tools.env(), stdout(), result -> OutputChecks.recordsOfTags(result, settings.tags())),
                new Contender(xargs, settings.runs(), BATCH_TIMEOUT,
                        () -> tools.skopeoXargs(skopeoRefsFile, settings.jobs()), tools.env(), null,
                        OutputChecks::exitedZero),
                new Contender(loop, settings.loopRuns(transport), loopTimeout, () -> tools.skopeoLoop(skopeoRefsFile),
                        tools.env(), null, OutputChecks::exitedZero)));
        report.manyCold(batchCold, listCold, loop, xargs);

        section(settings.tags() + " tags, warm: the same references again; labels' cache holds them");
        List<String> warm = tools.labelsReading("inspect", "--cache-dir", emptyFolder(), "--file", tagRefsFile.toString());
        rounds.once(warm, tools.env(), stdout(), BATCH_TIMEOUT, result -> OutputChecks.recordsInOrder(result, tagRefs));
        Measurement batchWarm = new Measurement("labels inspect --file, cache filled",
                tools.display(tools.labelsReading("inspect", "--cache-dir", "$CACHE", "--file", tagRefsFile.toString())));
        rounds.measure(List.of(new Contender(batchWarm, settings.runs(), BATCH_TIMEOUT, () -> warm, tools.env(),
                stdout(), result -> OutputChecks.recordsInOrder(result, tagRefs))));
        report.manyWarm(batchWarm);
    }

    /** Many references in one run with the heap capped: all records, in input order, none lost. */
    private void memory() {
        section(settings.manyRefs() + " references in one run, heap capped: LABELS_JAVA_OPTS=-Xmx64m, empty cache");
        Measurement measurement = new Measurement(settings.manyRefs() + " refs, -Xmx64m", "LABELS_JAVA_OPTS=-Xmx64m "
                + tools.display(tools.labelsReading("inspect", "--cache-dir", "$EMPTY", "--file", manyRefsFile.toString())));
        String check;
        try {
            rounds.measure(List.of(new Contender(measurement, 1, BATCH_TIMEOUT,
                    () -> tools.labelsReading("inspect", "--cache-dir", emptyFolder(), "--file", manyRefsFile.toString()),
                    tools.envWithJavaOptions("-Xmx64m"), stdout(),
                    result -> OutputChecks.recordsInOrder(result, manyRefs))));
            check = "PASS: exit 0, " + manyRefs.size() + " records, complete, in input order (input shuffled), "
                    + "each with its own tag's labels";
        } catch (OutputChecks.WrongOutput | Processes.TimedOut e) {
            check = "FAIL: " + e.getMessage();
        }
        out.println("  " + check);
        report.memory(measurement, check);
    }

    private Contender labelsOne(Measurement measurement, java.util.function.Supplier<List<String>> command) {
        return new Contender(measurement, settings.singleRuns(), ONE_IMAGE_TIMEOUT, command, tools.env(), stdout(),
                result -> OutputChecks.labelsObject(result, oneLabels));
    }

    private Contender skopeoOne(Measurement measurement) {
        return new Contender(measurement, settings.singleRuns(), ONE_IMAGE_TIMEOUT, () -> tools.skopeoInspect(one),
                tools.env(), stdout(), result -> OutputChecks.skopeoLabels(result, oneLabels));
    }

    private void section(String title) {
        out.println();
        out.println("== " + (transport == Transport.TLS ? "[HTTPS] " : "[plain HTTP] ") + title);
    }

    /** A new empty folder for a cold labels cache; all of them go when the work folder is deleted. */
    private String emptyFolder() {
        try {
            return Files.createTempDirectory(work, "cache-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path stdout() {
        return work.resolve("stdout.txt");
    }

    private Path writeLines(String name, List<String> lines) {
        try {
            return Files.write(work.resolve(name), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
