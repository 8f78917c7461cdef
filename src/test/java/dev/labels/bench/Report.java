package dev.labels.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's conclusions: the machine it ran on, the targets with PASS or FAIL, and a markdown
 * table to paste into the README. Missing measurements (a run stopped by its budget) show as n/a.
 */
final class Report {
    /** The targets. */
    static final double COLD_VS_LOOP = 0.05;
    static final double COLD_VS_XARGS = 0.35;
    static final double WARM_REQUESTS_PER_TAG = 1.0;
    static final double WARM_VS_COLD = 0.5;
    static final double ONE_COLD_VS_SKOPEO = 1.5;
    static final double ONE_WARM_VS_SKOPEO = 1.0;

    private final Settings settings;
    private final PrintStream out;
    private String machine = "";
    private String loadAtStart = "";
    private Measurement startup;
    private Measurement oneCold;
    private Measurement oneColdSkopeo;
    private Measurement oneWarm;
    private Measurement oneWarmSkopeo;
    private Measurement batchCold;
    private Measurement listCold;
    private Measurement loop;
    private Measurement xargs;
    private Measurement batchWarm;
    private Measurement memory;
    private String memoryCheck;

    Report(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Prints (and keeps for the table) when and on what this ran. */
    void header(Map<String, String> env, Path work) {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String java = Processes.firstLine(List.of("/bin/sh", "-c", "\"${JAVA_HOME:+$JAVA_HOME/bin/}java\" -version"),
                env, work);
        String skopeo = Processes.firstLine(List.of(settings.skopeo().toString(), "--version"), env, work);
        machine = date + ", nproc " + Runtime.getRuntime().availableProcessors() + ", " + java + ", " + skopeo;
        out.println("labels benchmark: target/labels against skopeo inspect, through a fake Docker Hub");
        out.println("when/where: " + machine);
        out.println("network model: " + networkModel());
        loadAtStart = loadAverage();
        out.println("load average (1, 5, 15 min) at the start: " + loadAtStart);
        warnIfBusy();
        out.println();
    }

    void startup(Measurement measurement) {
        startup = measurement;
    }

    void oneImageCold(Measurement labels, Measurement skopeo) {
        oneCold = labels;
        oneColdSkopeo = skopeo;
        ratio("labels / skopeo", labels, skopeo);
    }

    void oneImageWarm(Measurement labels, Measurement skopeo) {
        oneWarm = labels;
        oneWarmSkopeo = skopeo;
        ratio("labels (warm) / skopeo", labels, skopeo);
    }

    void manyCold(Measurement batch, Measurement list, Measurement sequential, Measurement parallel) {
        batchCold = batch;
        listCold = list;
        loop = sequential;
        xargs = parallel;
        ratio("labels --file / skopeo loop", batch, sequential);
        ratio("labels --file / skopeo xargs -P " + settings.jobs(), batch, parallel);
        ratio("labels list / skopeo loop", list, sequential);
        ratio("labels list / skopeo xargs -P " + settings.jobs(), list, parallel);
    }

    void manyWarm(Measurement warm) {
        batchWarm = warm;
        ratio("labels warm / labels cold", warm, batchCold);
        ratio("labels warm / skopeo xargs -P " + settings.jobs(), warm, xargs);
    }

    void memory(Measurement measurement, String check) {
        memory = measurement;
        memoryCheck = check;
    }

    /** The targets with PASS/FAIL, then the markdown table. */
    void print() {
        List<String[]> targets = targets();
        String loadAtEnd = loadAverage();
        out.println("load average (1, 5, 15 min) at the end: " + loadAtEnd);
        warnIfBusy();
        out.println();
        out.println("== targets of the issue (reported, never failing the build)");
        for (String[] target : targets) {
            out.printf("  %-4s  %-62s %s%n", target[2], target[0], target[1]);
        }
        out.println();
        out.println("== markdown for the README");
        out.println();
        out.println("Measured " + machine + ". " + capitalized(networkModel()) + ". Median wall time of "
                + "several runs; requests are HTTP requests the proxy counted per run on its three ports, with "
                + "TLS probes (a first HTTPS attempt, answered 400) apart. Load average at the start "
                + loadAtStart + ", at the end " + loadAtEnd + ".");
        out.println();
        out.println("| scenario | labels | skopeo | labels / skopeo | requests per run: labels / skopeo |");
        out.println("|---|---:|---:|---:|---|");
        row("one image (manifest list), cold", oneCold, oneColdSkopeo);
        row("one image, warm (labels' cache filled; skopeo has none)", oneWarm, oneWarmSkopeo);
        row(settings.tags() + " tags, cold: `inspect --file` vs skopeo loop", batchCold, loop);
        row(settings.tags() + " tags, cold: `inspect --file` vs `xargs -P " + settings.jobs() + " skopeo`", batchCold, xargs);
        row(settings.tags() + " tags, cold: `labels list` vs `xargs -P " + settings.jobs() + " skopeo`", listCold, xargs);
        row(settings.tags() + " tags, warm: `inspect --file` vs `xargs -P " + settings.jobs() + " skopeo`", batchWarm, xargs);
        row(settings.manyRefs() + " refs in one run, `-Xmx64m`, cold", memory, null);
        row("start-up: `labels --version`", startup, null);
        out.println();
        out.println("| target (issue) | measured | result |");
        out.println("|---|---|---|");
        for (String[] target : targets) {
            out.println("| " + target[0] + " | " + target[1] + " | " + target[2] + " |");
        }
        if (memoryCheck != null) {
            out.println();
            out.println(settings.manyRefs() + " references at `-Xmx64m`: " + memoryCheck + ".");
        }
    }

    private List<String[]> targets() {
        List<String[]> targets = new ArrayList<>();
        targets.add(ratioTarget(settings.tags() + " tags cold: labels <= " + COLD_VS_LOOP + " x skopeo loop",
                batchCold, loop, COLD_VS_LOOP));
        targets.add(ratioTarget(settings.tags() + " tags cold: labels <= " + COLD_VS_XARGS + " x xargs -P "
                + settings.jobs() + " skopeo", batchCold, xargs, COLD_VS_XARGS));
        if (present(batchWarm)) {
            long imageRequests = batchWarm.maxImageRequests();
            double perTag = imageRequests / (double) settings.tags();
            String measured = String.format(Locale.ROOT, "%.2f per tag (%d image requests; %s per run with the "
                    + "auth handshake)", perTag, imageRequests, batchWarm.requestsPerRun());
            targets.add(new String[] {settings.tags() + " tags warm: <= 1 request per tag", measured,
                    verdict(perTag <= WARM_REQUESTS_PER_TAG)});
        } else {
            targets.add(missing(settings.tags() + " tags warm: <= 1 request per tag"));
        }
        targets.add(ratioTarget(settings.tags() + " tags warm: <= " + WARM_VS_COLD + " x labels cold",
                batchWarm, batchCold, WARM_VS_COLD));
        targets.add(ratioTarget("one image cold: labels <= " + ONE_COLD_VS_SKOPEO + " x skopeo",
                oneCold, oneColdSkopeo, ONE_COLD_VS_SKOPEO));
        if (present(oneCold) && present(oneColdSkopeo)) {
            String measured = "labels " + oneCold.requestsWithProbes() + ", skopeo " + oneColdSkopeo.requestsWithProbes();
            targets.add(new String[] {"one image cold: no more requests than skopeo", measured,
                    verdict(oneCold.maxRequests() <= oneColdSkopeo.minRequests())});
        } else {
            targets.add(missing("one image cold: no more requests than skopeo"));
        }
        targets.add(ratioTarget("one image warm: labels <= " + ONE_WARM_VS_SKOPEO + " x skopeo",
                oneWarm, oneWarmSkopeo, ONE_WARM_VS_SKOPEO));
        String memoryTarget = settings.manyRefs() + " refs at -Xmx64m: complete, in order";
        targets.add(memoryCheck == null ? missing(memoryTarget) : new String[] {memoryTarget,
                memoryCheck.substring(memoryCheck.indexOf(':') + 1).strip(), memoryCheck.substring(0, 4)});
        return targets;
    }

    private String[] ratioTarget(String name, Measurement labels, Measurement reference, double limit) {
        if (!present(labels) || !present(reference)) {
            return missing(name);
        }
        double ratio = labels.medianSeconds() / reference.medianSeconds();
        String measured = String.format(Locale.ROOT, "%.3f (%.3f s / %.3f s)", ratio, labels.medianSeconds(),
                reference.medianSeconds());
        return new String[] {name, measured, verdict(ratio <= limit)};
    }

    private void row(String scenario, Measurement labels, Measurement skopeo) {
        String labelsTime = present(labels) ? seconds(labels.medianSeconds()) : "n/a";
        String skopeoTime = present(skopeo) ? seconds(skopeo.medianSeconds()) : "–";
        String ratio = present(labels) && present(skopeo)
                ? String.format(Locale.ROOT, "%.3f", labels.medianSeconds() / skopeo.medianSeconds()) : "–";
        String requests = (present(labels) ? labels.requestsWithProbes() : "n/a") + " / "
                + (present(skopeo) ? skopeo.requestsWithProbes() : "–");
        out.println("| " + scenario + " | " + labelsTime + " | " + skopeoTime + " | " + ratio + " | " + requests + " |");
    }

    private void ratio(String name, Measurement numerator, Measurement denominator) {
        if (present(numerator) && present(denominator)) {
            out.printf(Locale.ROOT, "  %-38s %.3f%n", name, numerator.medianSeconds() / denominator.medianSeconds());
        }
    }

    private String networkModel() {
        return "the proxy adds " + settings.latency().toMillis() + " ms to every request and "
                + settings.connectLatency().toMillis() + " ms more to every new connection, issues Bearer tokens "
                + "from a second port and redirects blob reads (307) to a third";
    }

    /** The first three fields of /proc/loadavg, or "unknown" where there is none. */
    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Other work on the machine slows both tools, the JVM's start most: say so next to the numbers. */
    private void warnIfBusy() {
        String load = loadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            if (Double.parseDouble(load.split(" ")[0]) > cores) {
                out.println("warning: the machine is busy (1-min load " + load.split(" ")[0] + " on " + cores
                        + " cores): other processes compete with both tools, so times are slower and noisier");
            }
        } catch (NumberFormatException e) {
            // no load average to judge by
        }
    }

    private static String[] missing(String name) {
        return new String[] {name, "not measured", "n/a"};
    }

    private static String verdict(boolean pass) {
        return pass ? "PASS" : "FAIL";
    }

    private static boolean present(Measurement measurement) {
        return measurement != null && !measurement.isEmpty();
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.3f s" : "%.1f s", value);
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
