package dev.labels.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** One command timed several times, with the CPU time and the proxy traffic of each run. */
final class Measurement {
    private final String name;
    private final String command;
    private final List<Duration> walls = new ArrayList<>();
    /** Holds nulls where CPU time was not known. */
    private final List<Duration> cpus = new ArrayList<>();
    private final List<Traffic.Snapshot> traffic = new ArrayList<>();

    Measurement(String name, String command) {
        this.name = name;
        this.command = command;
    }

    void add(Duration wall, Duration cpu, Traffic.Snapshot runTraffic) {
        walls.add(wall);
        cpus.add(cpu);
        traffic.add(runTraffic);
    }

    String name() {
        return name;
    }

    String command() {
        return command;
    }

    int runs() {
        return walls.size();
    }

    boolean isEmpty() {
        return walls.isEmpty();
    }

    /** The median wall time in seconds: the middle run, or the mean of the two middle ones. */
    double medianSeconds() {
        return median(seconds());
    }

    /** The median CPU time (user and system) in seconds, or NaN when any run's was not known. */
    double medianCpuSeconds() {
        if (cpus.isEmpty() || cpus.contains(null)) {
            return Double.NaN;
        }
        return median(cpus.stream().map(cpu -> cpu.toNanos() / 1e9).toList());
    }

    double minSeconds() {
        return seconds().stream().min(Comparator.naturalOrder()).orElseThrow();
    }

    double maxSeconds() {
        return seconds().stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    /** The traffic of the first run; {@link #trafficVaries()} says whether the others differed in requests. */
    Traffic.Snapshot typicalTraffic() {
        return traffic.get(0);
    }

    boolean trafficVaries() {
        return traffic.stream().mapToLong(Traffic.Snapshot::totalRequests).distinct().count() > 1
                || traffic.stream().mapToLong(Traffic.Snapshot::totalProbes).distinct().count() > 1;
    }

    long maxRequests() {
        return traffic.stream().mapToLong(Traffic.Snapshot::totalRequests).max().orElse(0);
    }

    long minRequests() {
        return traffic.stream().mapToLong(Traffic.Snapshot::totalRequests).min().orElse(0);
    }

    /** The most requests any run spent on images, not counting the auth handshake. */
    long maxImageRequests() {
        return traffic.stream().mapToLong(Traffic.Snapshot::imageRequests).max().orElse(0);
    }

    /** Requests per run, with probes (the other protocol tried): {@code 6 (+1 probe)}; ranges when runs differ. */
    String requestsWithProbes() {
        long minProbes = traffic.stream().mapToLong(Traffic.Snapshot::totalProbes).min().orElse(0);
        long maxProbes = traffic.stream().mapToLong(Traffic.Snapshot::totalProbes).max().orElse(0);
        String probes = minProbes == maxProbes ? Long.toString(minProbes) : minProbes + "–" + maxProbes;
        return requestsPerRun() + " (+" + probes + " probe" + (maxProbes == 1 ? "" : "s") + ")";
    }

    /** Requests per run: one number when all runs agree, else {@code min–max}. */
    String requestsPerRun() {
        long min = traffic.stream().mapToLong(Traffic.Snapshot::totalRequests).min().orElse(0);
        long max = traffic.stream().mapToLong(Traffic.Snapshot::totalRequests).max().orElse(0);
        return min == max ? Long.toString(min) : min + "–" + max;
    }

    /** e.g. {@code median 1.934 s (min 1.880, max 2.010; 5 runs), CPU 2.410 s} */
    String describeTimes() {
        String cpu = Double.isNaN(medianCpuSeconds()) ? ""
                : String.format(Locale.ROOT, ", CPU (user+sys) median %.3f s", medianCpuSeconds());
        return String.format(Locale.ROOT, "median %.3f s (min %.3f, max %.3f; %d run%s)%s", medianSeconds(),
                minSeconds(), maxSeconds(), runs(), runs() == 1 ? "" : "s", cpu);
    }

    /** Every run's wall time, in order, e.g. {@code 1.93 1.88 2.01} */
    String allTimes() {
        StringBuilder text = new StringBuilder();
        for (double seconds : seconds()) {
            text.append(text.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", seconds));
        }
        return text.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private List<Double> seconds() {
        List<Double> seconds = new ArrayList<>();
        for (Duration wall : walls) {
            seconds.add(wall.toNanos() / 1e9);
        }
        return seconds;
    }
}
