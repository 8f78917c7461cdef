package dev.labels.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The conclusions of one transport's table: the targets it is held to with PASS or FAIL, and the markdown of
 * its results. Missing measurements (a run stopped by its budget) show as n/a.
 */
final class Report {
    /** Targets of both tables, on what labels alone does. */
    static final double WARM_REQUESTS_PER_TAG = 1.0;
    static final double WARM_VS_COLD = 0.5;

    private final Settings settings;
    private final Transport transport;
    private final Transport.Targets goals;
    private final PrintStream out;
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

    Report(Settings settings, Transport transport, PrintStream out) {
        this.settings = settings;
        this.transport = transport;
        this.goals = transport.targets();
        this.out = out;
    }

    Transport transport() {
        return transport;
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
        if (present(batch) && !Double.isNaN(batch.medianCpuSeconds())) {
            out.printf(Locale.ROOT, "  %-38s %.2f ms%n", "labels --file CPU per image", cpuPerImageMillis());
        }
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

    /** The targets with PASS/FAIL, as the console shows them. */
    void printTargets() {
        out.println();
        out.println("== targets over " + transport.title() + " (" + origin() + "; reported, never failing the build)");
        for (String[] target : targets()) {
            out.printf("  %-4s  %-66s %s%n", target[2], target[0], target[1]);
        }
    }

    /** This transport's section of the results file: how it was set up, the results, the targets. */
    List<String> markdown(String setup) {
        List<String> lines = new ArrayList<>();
        lines.add("## " + capitalized(transport.title()));
        lines.add("");
        lines.add(setup);
        lines.add("");
        lines.add("| scenario | labels | skopeo | labels / skopeo | CPU (user+sys) per run: labels / skopeo "
                + "| requests per run: labels / skopeo |");
        lines.add("|---|---:|---:|---:|---:|---|");
        lines.add(row("one image (manifest list), cold", oneCold, oneColdSkopeo));
        lines.add(row("one image, warm (labels' cache filled; skopeo has none)", oneWarm, oneWarmSkopeo));
        lines.add(row(settings.tags() + " tags, cold: `inspect --file` vs skopeo loop", batchCold, loop));
        lines.add(row(settings.tags() + " tags, cold: `inspect --file` vs `xargs -P " + settings.jobs() + " skopeo`",
                batchCold, xargs));
        lines.add(row(settings.tags() + " tags, cold: `labels list` vs `xargs -P " + settings.jobs() + " skopeo`",
                listCold, xargs));
        lines.add(row(settings.tags() + " tags, warm: `inspect --file` vs `xargs -P " + settings.jobs() + " skopeo`",
                batchWarm, xargs));
        lines.add(row(settings.manyRefs() + " refs in one run, `-Xmx64m`, cold", memory, null));
        lines.add(row("start-up: `labels --version` (no network)", startup, null));
        lines.add("");
        lines.add("Targets: " + origin() + ".");
        lines.add("");
        lines.add("| target | measured | result |");
        lines.add("|---|---|---|");
        for (String[] target : targets()) {
            lines.add("| " + target[0] + " | " + target[1] + " | " + target[2] + " |");
        }
        if (memoryCheck != null) {
            lines.add("");
            lines.add(settings.manyRefs() + " references at `-Xmx64m`: " + memoryCheck + ".");
        }
        return lines;
    }

    private List<String[]> targets() {
        List<String[]> targets = new ArrayList<>();
        int tags = settings.tags();
        targets.add(ratioTarget("one image warm: labels <= " + goals.oneWarm() + " x skopeo",
                oneWarm, oneWarmSkopeo, goals.oneWarm()));
        targets.add(ratioTarget("one image cold: labels <= " + goals.oneCold() + " x skopeo",
                oneCold, oneColdSkopeo, goals.oneCold()));
        targets.add(ratioTarget(tags + " tags cold: labels <= " + goals.coldVsLoop() + " x skopeo loop",
                batchCold, loop, goals.coldVsLoop()));
        targets.add(ratioTarget(tags + " tags cold: labels <= " + goals.coldVsXargs() + " x xargs -P "
                + settings.jobs() + " skopeo", batchCold, xargs, goals.coldVsXargs()));
        if (!Double.isNaN(goals.cpuPerImageMillis())) {
            String name = tags + " tags cold: labels CPU (user+sys) per image <= "
                    + String.format(Locale.ROOT, "%.0f", goals.cpuPerImageMillis()) + " ms";
            if (present(batchCold) && !Double.isNaN(batchCold.medianCpuSeconds())) {
                double perImage = cpuPerImageMillis();
                String measured = String.format(Locale.ROOT, "%.2f ms (%.3f s per run / %d)", perImage,
                        batchCold.medianCpuSeconds(), tags);
                targets.add(new String[] {name, measured, verdict(perImage <= goals.cpuPerImageMillis())});
            } else {
                targets.add(missing(name));
            }
        }
        if (present(batchWarm)) {
            long imageRequests = batchWarm.maxImageRequests();
            double perTag = imageRequests / (double) tags;
            String measured = String.format(Locale.ROOT, "%.2f per tag (%d image requests; %s per run with the "
                    + "auth handshake)", perTag, imageRequests, batchWarm.requestsPerRun());
            targets.add(new String[] {tags + " tags warm: <= 1 request per tag", measured,
                    verdict(perTag <= WARM_REQUESTS_PER_TAG)});
        } else {
            targets.add(missing(tags + " tags warm: <= 1 request per tag"));
        }
        targets.add(ratioTarget(tags + " tags warm: <= " + WARM_VS_COLD + " x labels cold",
                batchWarm, batchCold, WARM_VS_COLD));
        if (present(oneCold) && present(oneColdSkopeo)) {
            String measured = "labels " + oneCold.requestsWithProbes() + ", skopeo " + oneColdSkopeo.requestsWithProbes();
            targets.add(new String[] {"one image cold: no more requests than skopeo", measured,
                    verdict(oneCold.maxRequests() <= oneColdSkopeo.minRequests())});
        } else {
            targets.add(missing("one image cold: no more requests than skopeo"));
        }
        String memoryTarget = settings.manyRefs() + " refs at -Xmx64m: complete, in order";
        targets.add(memoryCheck == null ? missing(memoryTarget) : new String[] {memoryTarget,
                memoryCheck.substring(memoryCheck.indexOf(':') + 1).strip(), memoryCheck.substring(0, 4)});
        return targets;
    }

    private String origin() {
        return "the times" + (Double.isNaN(goals.cpuPerImageMillis()) ? "" : " and CPU") + " of the targets for "
                + goals.goal() + "; requests, the warm cache and memory as for every table";
    }

    private double cpuPerImageMillis() {
        return batchCold.medianCpuSeconds() * 1000 / settings.tags();
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

    private String row(String scenario, Measurement labels, Measurement skopeo) {
        String labelsTime = present(labels) ? seconds(labels.medianSeconds()) : "n/a";
        String skopeoTime = present(skopeo) ? seconds(skopeo.medianSeconds()) : "–";
        String ratio = present(labels) && present(skopeo)
                ? String.format(Locale.ROOT, "%.3f", labels.medianSeconds() / skopeo.medianSeconds()) : "–";
        String cpu = cpu(labels, "n/a") + " / " + cpu(skopeo, "–");
        String requests = (present(labels) ? labels.requestsWithProbes() : "n/a") + " / "
                + (present(skopeo) ? skopeo.requestsWithProbes() : "–");
        return "| " + scenario + " | " + labelsTime + " | " + skopeoTime + " | " + ratio + " | " + cpu + " | "
                + requests + " |";
    }

    private void ratio(String name, Measurement numerator, Measurement denominator) {
        if (present(numerator) && present(denominator)) {
            out.printf(Locale.ROOT, "  %-38s %.3f%n", name, numerator.medianSeconds() / denominator.medianSeconds());
        }
    }

    private static String cpu(Measurement measurement, String absent) {
        if (!present(measurement)) {
            return absent;
        }
        double cpu = measurement.medianCpuSeconds();
        return Double.isNaN(cpu) ? "n/a" : seconds(cpu);
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

    static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
