package dev.labels.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one task per input on twice {@code jobs} threads and hands the outcomes over in input order, each as
 * soon as it and all before it are done. The registry client lets at most {@code jobs} requests be in flight
 * (see {@code RequestSlots}); the extra threads parse, verify and cache what earlier requests brought while
 * those slots serve other images. Outcomes waiting for an earlier one are bounded by a window, so memory
 * stays flat however many inputs there are.
 */
public final class BatchRunner<T> {
    /** How many inputs may be started ahead of the first unfinished one, per job. */
    private static final int WINDOW_PER_JOB = 4;
    /** Images worked on per request slot: while one waits for the network, the other has its answer to read. */
    private static final int THREADS_PER_JOB = 2;

    private final int jobs;

    public BatchRunner(int jobs) {
        this.jobs = jobs;
    }

    public void run(List<String> inputs, Function<String, T> task, Consumer<T> sink) {
        if (jobs == 1 || inputs.size() == 1) {
            inputs.forEach(input -> sink.accept(task.apply(input)));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS_PER_JOB * jobs, inputs.size()), runnable -> {
            Thread thread = new Thread(runnable, "labels-job");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<T>> pending = new ArrayDeque<>();
            int window = jobs * WINDOW_PER_JOB;
            int next = 0;
            while (next < inputs.size() || !pending.isEmpty()) {
                while (next < inputs.size() && pending.size() < window) {
                    String input = inputs.get(next++);
                    pending.add(pool.submit(() -> task.apply(input)));
                }
                sink.accept(await(pending.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a job", e);
        } catch (ExecutionException e) {
            // An Error (out of memory) ends the run as it would on this thread, not wrapped into a bug report.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            // The task itself throws nothing else (ImageInspector catches every exception): a bug if it does.
            throw new IllegalStateException("a job failed unexpectedly", e.getCause());
        }
    }
}
