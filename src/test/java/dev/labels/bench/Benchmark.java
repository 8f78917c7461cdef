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
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark of {@code target/labels} against {@code skopeo inspect}, reading the same images from a real
 * registry behind {@link HubProxy}, which makes it look like Docker Hub over a network: over HTTPS under host
 * names that are not loopback, as users meet registries, and over plain HTTP on loopback; one table each.
 *
 * <p>Not a test: it runs only when asked, with {@code ./mvnw -q -B -Pbenchmark -DskipTests verify}
 * (docs/performance.md, "Benchmark"), prints its measurements and each table's targets with PASS/FAIL, and
 * writes the tables as markdown ({@code target/benchmark.md}). Missed targets do not fail the build; a tool
 * printing wrong output does (exit 1), since timing wrong answers measures nothing. Everything it starts is
 * bounded in time and stopped when it ends; the line it adds to /etc/hosts is taken out again.
 */
public final class Benchmark {
    /** The proxy outlives the budget by this much at most, for a run that started just before it was spent. */
    private static final Duration PROXY_GRACE = Duration.ofMinutes(5);
    private static final List<String> TLS_NAMES = List.copyOf(HubProxy.TLS_HOSTS.values());

    private final Settings settings;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private final List<Report> reports = new ArrayList<>();
    /** Each table's proxy, kept after it closed for what it saw. */
    private final Map<Transport, HubProxy> proxies = new LinkedHashMap<>();
    private Machine machine;
    private String loadAtStart;

    private Benchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        // The HTTPS names are looked up before they are added to /etc/hosts and after: the miss must not be cached.
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
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
        System.exit(code); // shutdown hooks stop the registry, kill any child still running, restore /etc/hosts
    }

    private int run() {
        requireExecutable(settings.labels(), "build it first: ./mvnw -q -B package -DskipTests");
        requireExecutable(settings.skopeo(), "install it: apt-get install -y skopeo");
        Path work = createTempFolder();
        // Also on SIGTERM (a Maven timeout, Ctrl-C, ending a serve run): the caches and refs would stay in /tmp.
        Thread cleanup = new Thread(() -> deleteQuietly(work), "bench-work-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        HostsFile hosts = null;
        try {
            Tools plain = new Tools(settings.labels(), settings.skopeo(), Files.createDirectories(work.resolve("home")));
            header(plain, work);
            List<Transport> transports = settings.transports();
            BenchCertificates certificates = null;
            if (transports.contains(Transport.TLS)) {
                try {
                    hosts = nameTheHttpsHosts();
                } catch (HostsFile.Unavailable e) {
                    if (!transports.contains(Transport.PLAIN)) {
                        out.println("cannot measure over HTTPS: " + e.getMessage());
                        return 1;
                    }
                    out.println("cannot measure over HTTPS: " + e.getMessage() + "; measuring the plain-HTTP table only");
                    transports = List.of(Transport.PLAIN);
                }
                if (transports.contains(Transport.TLS)) {
                    certificates = new BenchCertificates(TLS_NAMES);
                    certificates.writeCertsFolder(work.resolve("certs"));
                }
            }
            try (LocalRegistry registry = LocalRegistry.start(LocalRegistry.Mode.ANONYMOUS)) {
                long pushStart = System.nanoTime();
                FixtureImage multi = BenchImages.push(registry, settings.tags(), settings.manyRefs());
                out.printf(Locale.ROOT, "pushed %s:1..%d, %s:1..%d and the manifest list %s:1 into %s in %.1f s%n",
                        BenchImages.APP, settings.tags(), BenchImages.MANY, settings.manyRefs(), BenchImages.MULTI,
                        registry.host(), (System.nanoTime() - pushStart) / 1e9);
                Map<String, String> oneLabels = multi.labels(hostPlatform());
                if (!settings.serve().isZero()) {
                    for (Transport transport : transports) {
                        proxies.put(transport, startProxy(transport, registry, certificates));
                    }
                    serve(plain, work);
                    return 0;
                }
                Measurement startup = null;
                for (Transport transport : transports) {
                    HubProxy proxy = startProxy(transport, registry, certificates);
                    proxies.put(transport, proxy);
                    Tools tools = transport == Transport.TLS ? plain.trusting(work.resolve("certs")) : plain;
                    Report report = new Report(settings, transport, out);
                    reports.add(report);
                    Rounds rounds = new Rounds(proxy.traffic(), work, out, started, settings.budget());
                    Scenarios scenarios = new Scenarios(settings, transport, tools, rounds, report, out, work,
                            proxy.host(), oneLabels);
                    if (startup == null) {
                        startup = scenarios.startup();
                    }
                    report.startup(startup);
                    scenarios.runAll();
                    proxy.close();
                }
            }
            out.printf(Locale.ROOT, "%nall measured in %.0f s%n", (System.nanoTime() - started) / 1e9);
            finish(hosts);
            return 0;
        } catch (Rounds.OutOfBudget e) {
            out.println();
            out.println("STOPPED: " + e.getMessage() + " (raise --budget-minutes); the results so far:");
            finish(hosts);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            proxies.values().forEach(HubProxy::close);
            if (hosts != null) {
                hosts.close();
            }
            deleteQuietly(work);
        }
    }

    private void header(Tools tools, Path work) {
        machine = Machine.describe(settings, tools.env(), work);
        out.println("labels benchmark: target/labels against skopeo inspect, through a fake Docker Hub, over "
                + String.join(" and ", settings.transports().stream().map(Transport::title).toList()));
        out.println("when/where: " + machine.description());
        out.println("network model: " + networkModel());
        loadAtStart = Machine.loadAverage();
        out.println("load average (1, 5, 15 min) at the start: " + loadAtStart);
        Machine.warnIfBusy(out);
        out.println();
    }

    /**
     * Makes the HTTPS names resolve to 127.0.0.1: through one line in /etc/hosts, unless they already do. Null
     * when nothing was changed.
     */
    private HostsFile nameTheHttpsHosts() throws HostsFile.Unavailable {
        if (HostsFile.resolvesToLoopback(TLS_NAMES)) {
            out.println(String.join(", ", TLS_NAMES) + " already resolve to this machine: /etc/hosts left as it is");
            return null;
        }
        out.println("adding " + TLS_NAMES.size() + " names to /etc/hosts for this run; restored at exit ("
                + String.join(", ", TLS_NAMES) + " -> 127.0.0.1)");
        HostsFile hosts = HostsFile.add(HostsFile.ETC_HOSTS, TLS_NAMES);
        if (!HostsFile.resolvesToLoopback(TLS_NAMES)) {
            hosts.close();
            throw new HostsFile.Unavailable("the names added to /etc/hosts do not resolve (does the hosts line of "
                    + "/etc/nsswitch.conf name files?)");
        }
        return hosts;
    }

    private HubProxy startProxy(Transport transport, LocalRegistry registry, BenchCertificates certificates)
            throws IOException {
        LoopbackHttpServer.Delays delays = new LoopbackHttpServer.Delays(settings.latency(), settings.connectLatency());
        // A serve run keeps the proxies up for as long as it serves, however short the measuring budget.
        Duration serving = settings.serve().compareTo(settings.budget()) > 0 ? settings.serve() : settings.budget();
        Duration lifetime = serving.plus(PROXY_GRACE);
        HubProxy proxy = transport == Transport.TLS
                ? HubProxy.startTls(registry.url(), delays, lifetime, certificates)
                : HubProxy.start(registry.url(), delays, lifetime);
        out.printf("%nfake Docker Hub over %s: registry %s, tokens %s, blobs 307 to a third port%n", transport.title(),
                proxy.registryUrl(), proxy.tokenRealm());
        return proxy;
    }

    /** Measures nothing: keeps the proxies up for measuring by hand (hyperfine, a profiler), then stops. */
    private void serve(Tools tools, Path work) {
        out.println("serving for " + settings.serve().toSeconds() + " s; images on each: /" + BenchImages.APP + ":1.."
                + settings.tags() + ", /" + BenchImages.MULTI + ":1");
        out.println("the tools' HOME (XDG folders, auth.json, registries.conf inside): " + tools.home());
        if (Files.isDirectory(work.resolve("certs"))) {
            out.println("over HTTPS, both tools take --cert-dir " + work.resolve("certs") + " (it holds the CA as "
                    + BenchCertificates.CA_FILE + ")");
        }
        try {
            Thread.sleep(settings.serve().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (HubProxy proxy : proxies.values()) {
            out.println("traffic of " + proxy.registryUrl() + ": " + proxy.traffic().snapshot().describe());
        }
    }

    /** Each table's targets, then the markdown of all tables, printed and written to the output file. */
    private void finish(HostsFile hosts) {
        String loadAtEnd = Machine.loadAverage();
        out.println("load average (1, 5, 15 min) at the end: " + loadAtEnd);
        Machine.warnIfBusy(out);
        reports.forEach(Report::printTargets);
        List<String> document = new ArrayList<>();
        document.add("# labels benchmark");
        document.add("");
        document.add("Measured " + machine.description() + ". " + Report.capitalized(networkModel()) + ". Median "
                + "wall time of several runs (" + settings.singleRuns() + " for one image, " + settings.runs()
                + " for batches, " + settings.loopRuns(Transport.TLS) + " for the skopeo loop over HTTPS and "
                + settings.loopRuns(Transport.PLAIN) + " over plain HTTP); CPU is the median user+sys time of the "
                + "process and the children it waited for; requests are HTTP requests the proxy counted per run on "
                + "its three ports, probes (the other protocol tried, answered 400) apart. Load average at the "
                + "start " + loadAtStart + ", at the end " + loadAtEnd + ".");
        for (Report report : reports) {
            document.add("");
            document.addAll(report.markdown(setup(report.transport(), proxies.get(report.transport()))));
        }
        out.println();
        out.println("== markdown, written to " + settings.output());
        out.println();
        document.forEach(out::println);
        try {
            Files.createDirectories(settings.output().getParent());
            Files.write(settings.output(), document, StandardCharsets.UTF_8);
        } catch (IOException e) {
            out.println("could not write " + settings.output() + ": " + e.getMessage());
        }
        if (hosts != null) {
            hosts.close();
            if (!hosts.restoreNote().isEmpty()) {
                out.println(hosts.restoreNote());
            }
        }
    }

    /** How a table's proxy was reached, for its section of the results. */
    private static String setup(Transport transport, HubProxy proxy) {
        if (transport == Transport.PLAIN) {
            return "Registry, token service and blob CDN all on 127.0.0.1. labels asks a registry on loopback over "
                    + "plain HTTP first; skopeo, given `--tls-verify=false`, tries HTTPS first (a probe, answered "
                    + "400) and falls back to plain HTTP.";
        }
        List<String> protocols = proxy == null ? List.of() : proxy.traffic().protocols();
        return "Registry, token service and blob CDN are `" + String.join("`, `", TLS_NAMES) + "`, each on its own "
                + "port, pointed at 127.0.0.1 by /etc/hosts for the run, each with its own RSA 2048 certificate from "
                + "a CA made for the run (the server sends its leaf and the intermediate that signed it). Both "
                + "tools get `--cert-dir` naming a folder that holds the root as `ca.crt`, added to the system's "
                + "trust, and verify certificates; neither gets `--insecure` or `--tls-verify=false`. HTTP/1.1"
                + (protocols.isEmpty() ? "" : ", " + String.join(" and ", protocols)) + ".";
    }

    private String networkModel() {
        return "the proxy adds " + settings.latency().toMillis() + " ms to every request and "
                + settings.connectLatency().toMillis() + " ms more to every new connection (before a TLS "
                + "handshake, not also after), issues Bearer tokens from a second port and redirects blob reads "
                + "(307) to a third";
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
