package dev.labels.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's knobs. Each is a system property {@code bench.NAME} (the Maven profile passes the common
 * ones on: {@code -Dbench.latency.ms=50}) or an argument {@code --NAME=VALUE} with dots as dashes
 * ({@code --latency-ms=50}, or through Maven {@code -Dbench.args="--latency-ms=50 --tags=20"}); an
 * argument wins.
 *
 * @param latency        added to every request on every port of the proxy
 * @param connectLatency added once more to the first request of each new connection
 * @param runs           timed runs of each command, except the two below
 * @param singleRuns     timed runs of the one-image commands (short and noisy, so more of them)
 * @param loopRuns       timed runs of the sequential skopeo loop, the long pole, in the HTTPS table
 * @param plainLoopRuns  the same in the plain-HTTP table, which holds no target of its own on it
 * @param jobs           parallelism of xargs -P, as the targets name it (labels runs with its default --jobs, 16)
 * @param tags           tags in bench/app
 * @param manyRefs       references in the memory check
 * @param budget         the benchmark stops measuring (and reports what it has) after this
 * @param serve          if positive: start the registry and the proxy, print their addresses, serve this long
 *                       and stop, measuring nothing (for hyperfine or a profiler by hand)
 * @param transports     the tables to measure, in order: {@code --transport=both} (HTTPS, then plain HTTP),
 *                       {@code tls} or {@code plain}
 * @param output         where the markdown of the results is written
 */
record Settings(Duration latency, Duration connectLatency, int runs, int singleRuns, int loopRuns, int plainLoopRuns,
                int jobs, int tags, int manyRefs, Duration budget, Duration serve, List<Transport> transports,
                Path labels, Path skopeo, Path output) {

    static Settings from(String[] args) {
        Map<String, String> given = new HashMap<>();
        // Maven passes its bench.args property as one argument, empty when not given: split it.
        for (String arg : String.join(" ", args).trim().split("\\s+")) {
            if (arg.isEmpty()) {
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --name=value, got: " + arg);
            }
            int equals = arg.indexOf('=');
            given.put("bench." + arg.substring(2, equals).replace('-', '.'), arg.substring(equals + 1));
        }
        Settings settings = new Settings(
                Duration.ofMillis(number(given, "bench.latency.ms", 20, 0, 10_000)),
                Duration.ofMillis(number(given, "bench.connect.ms", 20, 0, 10_000)),
                number(given, "bench.runs", 5, 1, 100),
                number(given, "bench.single.runs", 10, 1, 100),
                number(given, "bench.loop.runs", 3, 1, 100),
                number(given, "bench.plain.loop.runs", 1, 1, 100),
                number(given, "bench.jobs", 8, 1, 64),
                number(given, "bench.tags", 200, 1, 10_000),
                number(given, "bench.many.refs", 1000, 1, 100_000),
                Duration.ofMinutes(number(given, "bench.budget.minutes", 20, 1, 600)),
                Duration.ofSeconds(number(given, "bench.serve.seconds", 0, 0, 3_600)),
                transports(text(given, "bench.transport", "both")),
                Path.of(text(given, "bench.labels", "target/labels")).toAbsolutePath(),
                Path.of(text(given, "bench.skopeo", "/usr/bin/skopeo")),
                Path.of(text(given, "bench.output", "target/benchmark.md")).toAbsolutePath());
        given.keySet().removeAll(Set.of("bench.latency.ms", "bench.connect.ms", "bench.runs",
                "bench.single.runs", "bench.loop.runs", "bench.plain.loop.runs", "bench.jobs", "bench.tags",
                "bench.many.refs", "bench.budget.minutes", "bench.serve.seconds", "bench.transport", "bench.labels",
                "bench.skopeo", "bench.output"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown settings: " + given.keySet());
        }
        return settings;
    }

    /** The skopeo loop's runs in the table of {@code transport}. */
    int loopRuns(Transport transport) {
        return transport == Transport.TLS ? loopRuns : plainLoopRuns;
    }

    private static List<Transport> transports(String value) {
        return switch (value.strip()) {
            case "both" -> List.of(Transport.TLS, Transport.PLAIN);
            case "tls" -> List.of(Transport.TLS);
            case "plain" -> List.of(Transport.PLAIN);
            default -> throw new IllegalArgumentException("bench.transport must be both, tls or plain, got: " + value);
        };
    }

    private static int number(Map<String, String> given, String name, int fallback, int min, int max) {
        String value = text(given, name, Integer.toString(fallback));
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got: " + value);
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got: " + parsed);
        }
        return parsed;
    }

    /** The argument, else the system property, else the fallback; blank counts as not given. */
    private static String text(Map<String, String> given, String name, String fallback) {
        String value = given.get(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
