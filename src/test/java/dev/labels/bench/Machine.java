package dev.labels.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * When and on what the benchmark ran: the date, the machine (cores, CPU model), the JVM that target/labels
 * runs on, skopeo's version, and the load average, since other work on the machine slows both tools (the JVM's
 * start most).
 *
 * @param description e.g. {@code 2026-12-03 13:05 UTC, nproc 2 (AMD EPYC), openjdk version "17.0.15" ..., skopeo
 *                    version 1.9.3}
 */
record Machine(String description) {

    /** @param env the tools' environment: its JAVA_HOME picks the JVM the launcher runs */
    static Machine describe(Settings settings, Map<String, String> env, Path work) {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String java = Processes.firstLine(List.of("/bin/sh", "-c", "\"${JAVA_HOME:+$JAVA_HOME/bin/}java\" -version"),
                env, work);
        String skopeo = Processes.firstLine(List.of(settings.skopeo().toString(), "--version"), env, work);
        return new Machine(date + ", nproc " + Runtime.getRuntime().availableProcessors() + " (" + cpuModel() + "), "
                + java + ", " + skopeo);
    }

    /** The first three fields of /proc/loadavg, or "unknown" where there is none. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Says so when the 1-minute load is above the number of cores. */
    static void warnIfBusy(PrintStream out) {
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

    /** The "model name" of /proc/cpuinfo, or "CPU model unknown". */
    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("CPU model unknown");
        } catch (IOException | RuntimeException e) {
            return "CPU model unknown";
        }
    }
}
