package dev.labels.bench;

import dev.labels.testing.FixtureImage;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.LocalRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The benchmark of issue "High-speed listing ... measured against skopeo": {@code target/labels} and
 * {@code skopeo inspect} side by side, reading the same images from a real registry behind {@link HubProxy},
 * which makes it look like Docker Hub over a network.
 *
 * <p>Not a test: it runs only when asked, with {@code ./mvnw -q -B -Pbenchmark -DskipTests verify} (README,
 * "Benchmark"), and prints its measurements, the targets with PASS/FAIL, and a markdown table for the
 * README. Missed targets do not fail the build; a tool printing wrong output does (exit 1), since timing
 * wrong answers measures nothing. Everything it starts is bounded in time and stopped when it ends.
 */
public final class Benchmark {
    /** The proxy outlives the budget by this much at most, for a run that started just before it was spent. */
    private static final Duration PROXY_GRACE = Duration.ofMinutes(5);

    private final Settings settings;
    private final PrintStream out;
    private final long started = System.nanoTime();

    private Benchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Settings settings;
        try {
            settings = Settings.from(args);
        } catch (IllegalArgumentException e) {
            System.err.println("benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        int code;
        try {
            code = new Benchmark(settings, out).run();
        } catch (RuntimeException e) {
            System.err.println("benchmark: " + e.getMessage());
            e.printStackTrace();
            code = 1;
        }
        System.exit(code); // shutdown hooks stop the registry and kill any child still running
    }

    private int run() {
        requireExecutable(settings.labels(), "build it first: ./mvnw -q -B package -DskipTests");
        requireExecutable(settings.skopeo(), "install it: apt-get install -y skopeo");
        Path work = createTempFolder();
        // Also on SIGTERM (a Maven timeout, Ctrl-C, ending a serve run): the caches and refs would stay in /tmp.
        Thread cleanup = new Thread(() -> deleteQuietly(work), "bench-work-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        HubProxy proxy = null;
        Report report = new Report(settings, out);
        try (LocalRegistry registry = LocalRegistry.start(LocalRegistry.Mode.ANONYMOUS)) {
            Tools tools = new Tools(settings.labels(), settings.skopeo(), Files.createDirectories(work.resolve("home")));
            report.header(tools.env(), work);
            long pushStart = System.nanoTime();
            FixtureImage multi = BenchImages.push(registry, settings.tags(), settings.manyRefs());
            out.printf(Locale.ROOT, "pushed %s:1..%d, %s:1..%d and the manifest list %s:1 into %s in %.1f s%n",
                    BenchImages.APP, settings.tags(), BenchImages.MANY, settings.manyRefs(), BenchImages.MULTI,
                    registry.host(), (System.nanoTime() - pushStart) / 1e9);
            proxy = HubProxy.start(registry.url(),
                    new LoopbackHttpServer.Delays(settings.latency(), settings.connectLatency()),
                    settings.budget().plus(PROXY_GRACE));
            out.printf("fake Docker Hub: registry %s, tokens %s, blobs 307 to a third port%n%n", proxy.host(),
                    proxy.tokenRealm());
            if (!settings.serve().isZero()) {
                serve(proxy, tools);
                return 0;
            }
            Rounds rounds = new Rounds(proxy.traffic(), work, out, started, settings.budget());
            new Scenarios(settings, tools, rounds, report, out, work, proxy.host(), multi.labels(hostPlatform()))
                    .runAll();
            out.printf(Locale.ROOT, "%nall measured in %.0f s%n", (System.nanoTime() - started) / 1e9);
            report.print();
            return 0;
        } catch (Rounds.OutOfBudget e) {
            out.println();
            out.println("STOPPED: " + e.getMessage() + " (raise --budget-minutes); the results so far:");
            report.print();
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (proxy != null) {
                proxy.close();
            }
            deleteQuietly(work);
        }
    }

    /** Measures nothing: keeps the proxy up for measuring by hand (hyperfine, a profiler), then stops. */
    private void serve(HubProxy proxy, Tools tools) {
        out.println("serving for " + settings.serve().toSeconds() + " s; images: " + proxy.host() + "/"
                + BenchImages.APP + ":1.." + settings.tags() + ", " + proxy.host() + "/" + BenchImages.MULTI + ":1");
        out.println("the tools' HOME (XDG folders, auth.json, registries.conf inside): " + tools.home());
        try {
            Thread.sleep(settings.serve().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println("traffic: " + proxy.traffic().snapshot().describe());
    }

    /** The platform both tools pick from the manifest list by default: this machine's. */
    private static FixturePlatform hostPlatform() {
        String arch = System.getProperty("os.arch");
        return arch.equals("aarch64") || arch.equals("arm64") ? FixturePlatform.LINUX_ARM64_V8 : FixturePlatform.LINUX_AMD64;
    }

    private static void requireExecutable(Path file, String hint) {
        if (!Files.isExecutable(file)) {
            throw new IllegalStateException(file + " is missing or not executable: " + hint);
        }
    }

    private static Path createTempFolder() {
        try {
            return Files.createTempDirectory("labels-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // leftovers in /tmp are harmless
        }
    }
}
