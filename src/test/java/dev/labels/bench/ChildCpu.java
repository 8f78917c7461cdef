package dev.labels.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CPU time (user and system) of this JVM's children that have exited and been waited for, from
 * {@code /proc/self/stat} (fields 16 and 17, cutime and cstime; proc(5)). Read before and after a run, the
 * difference is that run's CPU: the process's and its descendants' that it waited for (java under the launcher,
 * skopeo under xargs or a shell loop), counted by the kernel when the process is reaped. A child that has
 * exited has nothing left in /proc to ask, so this is the reliable way; it holds because the benchmark runs one
 * command at a time (the registry, also a child, is waited for only when the benchmark ends). Resolution: one
 * clock tick (10 ms on Linux), fine for runs of a tenth of a second or more.
 */
final class ChildCpu {
    private static final Path STAT = Path.of("/proc/self/stat");
    /** USER_HZ, which /proc reports ticks in: 100 on every Linux architecture the JDK runs on. */
    private static final long TICKS_PER_SECOND = 100;
    /** Fields after the command name, which ends with the last ')': field 3 (state) is index 0. */
    private static final int CUTIME = 16 - 3;
    private static final int CSTIME = 17 - 3;

    private ChildCpu() {
    }

    /** The CPU time of exited children so far, or null where there is no /proc (then nothing is reported). */
    static Duration sofar() {
        try {
            String stat = Files.readString(STAT, StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(fields[CUTIME]) + Long.parseLong(fields[CSTIME]);
            return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
