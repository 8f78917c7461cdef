package dev.labels.app;

import java.io.PrintWriter;

/**
 * A one-line progress report on stderr for long runs ({@code 120/200 done, 2 failed, 85.3/s}), redrawn in
 * place at most ten times a second and erased at the end. Only when stderr is a terminal: in a Jenkins log
 * or a file it would be noise.
 */
public final class Progress {
    private static final long REDRAW_NANOS = 100_000_000L;
    static final Progress NONE = new Progress(null, 0);

    private final PrintWriter err;
    private final int total;
    private final long start = System.nanoTime();
    private int done;
    private int failed;
    private long lastDraw;
    private boolean drawn;

    private Progress(PrintWriter err, int total) {
        this.err = err;
        this.total = total;
    }

    public static Progress of(boolean enabled, PrintWriter err, int total) {
        return enabled && total > 1 ? new Progress(err, total) : NONE;
    }

    public void record(boolean failure) {
        if (err == null) {
            return;
        }
        done++;
        if (failure) {
            failed++;
        }
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS || done == total) {
            lastDraw = now;
            double seconds = Math.max((now - start) / 1e9, 1e-3);
            err.printf("\r%d/%d done, %d failed, %.1f/s ", done, total, failed, done / seconds);
            err.flush();
            drawn = true;
        }
    }

    public void finish() {
        if (err != null && drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
