package dev.labels.bench;

import dev.labels.testing.FixtureImage;
import dev.labels.testing.FixtureMediaTypes;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.FixturePusher;
import dev.labels.testing.Fixtures;
import dev.labels.testing.LocalRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The images the benchmark reads, pushed straight into the registry (not through the proxy):
 * <ul>
 *   <li>{@code bench/app:1..N}: one image per tag, each with its own labels and so its own config digest, as
 *       a service's build history looks;</li>
 *   <li>{@code bench/multi:1}: a Docker manifest list of linux/amd64 and linux/arm64;</li>
 *   <li>{@code bench/many:1..M}: more tags of the same shape, for the memory check.</li>
 * </ul>
 */
final class BenchImages {
    static final String APP = "bench/app";
    static final String MULTI = "bench/multi";
    static final String MANY = "bench/many";
    /** The label that tells which tag a record came from: the output checks compare it with the reference. */
    static final String TAG_LABEL = "bench.tag";

    /** Pushing is I/O to a loopback registry; a few threads keep both cores busy. */
    private static final int PARALLEL_PUSHES = 6;
    private static final Duration PUSH_TIMEOUT = Duration.ofMinutes(3);

    private BenchImages() {
    }

    /** Pushes everything; returns the multi-arch image (its digest and per-platform labels, for the checks). */
    static FixtureImage push(LocalRegistry registry, int appTags, int manyTags) {
        FixturePusher pusher = new FixturePusher(registry);
        FixtureImage multi = Fixtures.multi(pusher, MULTI);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_PUSHES, runnable -> {
            Thread thread = new Thread(runnable, "bench-push");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<FixtureImage>> pushes = new ArrayList<>();
            for (int tag = 1; tag <= appTags; tag++) {
                int n = tag;
                pushes.add(pool.submit(() -> pushTag(pusher, APP, n)));
            }
            for (int tag = 1; tag <= manyTags; tag++) {
                int n = tag;
                pushes.add(pool.submit(() -> pushTag(pusher, MANY, n)));
            }
            long deadline = System.nanoTime() + PUSH_TIMEOUT.toNanos();
            for (Future<FixtureImage> push : pushes) {
                push.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("pushing the benchmark images failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("pushing the benchmark images took over " + PUSH_TIMEOUT.toMinutes() + " min");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pushing the benchmark images", e);
        } finally {
            pool.shutdownNow();
        }
        return multi;
    }

    /** The labels of {@code repository:tag}: a deployment-style set where every value depends on the tag. */
    static Map<String, String> labels(String repository, int tag) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(TAG_LABEL, Integer.toString(tag));
        labels.put("blaze.service.deployment.cpu", "0." + (tag % 10));
        labels.put("blaze.service.deployment.memory", Integer.toString(256 + tag));
        labels.put("blaze.service.health-check.endpoint", "/status");
        labels.put("org.opencontainers.image.title", repository.substring(repository.lastIndexOf('/') + 1));
        labels.put("org.opencontainers.image.version", "1." + tag + ".0");
        labels.put("org.opencontainers.image.revision", String.format("%040x", tag * 7919L));
        return labels;
    }

    private static FixtureImage pushTag(FixturePusher pusher, String repository, int tag) {
        return Fixtures.single(pusher, repository, Integer.toString(tag), FixtureMediaTypes.DOCKER_MANIFEST,
                FixturePlatform.LINUX_AMD64, labels(repository, tag));
    }
}
