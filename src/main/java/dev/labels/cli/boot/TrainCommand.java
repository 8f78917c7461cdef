package dev.labels.cli.boot;

import dev.labels.cli.CommandModel;
import dev.labels.cli.ExitCodes;
import dev.labels.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Hidden: the launcher runs this once, with -XX:DumpLoadedClassList, to list the classes a real run loads for
 * a class-data-sharing archive that later runs map instead of loading them again. It inspects an image
 * served by an in-process registry, cold and then warm, so the archive holds the whole path: option parsing,
 * auth, manifests, platform selection, config, cache and output; then the same over HTTPS, trusting the
 * registry's CA as a user does, so that it also holds the TLS a real registry needs (certificate path
 * validation, key agreement, record encryption, session tickets). No network, and nothing is written outside a
 * temporary folder.
 */
public final class TrainCommand implements Callable<Integer> {
    private final Callable<TrainingCertificates> certificates;

    public TrainCommand() {
        this(TrainingCertificates::make);
    }

    /** @param certificates makes the HTTPS registry's TLS identity (tests give one that fails) */
    TrainCommand(Callable<TrainingCertificates> certificates) {
        this.certificates = certificates;
    }

    public CommandSpec model() {
        return CommandModel.of("__train", this).hidden().spec();
    }

    /**
     * What a training did. The plain-HTTP runs decide whether it succeeded; the HTTPS runs only add to the
     * archive, so a JVM that refuses RSA, or a machine whose loopback TLS fails, still gets an archive of the rest.
     *
     * @param tlsFailure    why the HTTPS runs did not all succeed, or null when they did
     * @param servedOverTls the requests the registry answered over HTTPS
     */
    record Training(boolean succeeded, String tlsFailure, List<String> servedOverTls) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        return train().succeeded() ? ExitCodes.OK : ExitCodes.ERROR;
    }

    Training train() throws IOException, InterruptedException {
        // Generating the RSA key takes about as long as the plain-HTTP runs (BigInteger is slow without the
        // optimising compiler, which the launcher leaves out): it runs beside them, on the other core.
        FutureTask<TrainingCertificates> identity = new FutureTask<>(certificates);
        Thread maker = new Thread(identity, "training-certificates");
        maker.setDaemon(true);
        maker.start();
        // What a real run does before and beside its command: the head start (here with TLS, for the HTTPS
        // registries), and reading the JVM's own environment map.
        HeadStart.begin(new String[] {"inspect", "registry.example.com/training/image:1"}).join();
        new java.util.HashMap<>(System.getenv());
        Path cache = Files.createTempDirectory("labels-train");
        try (TrainingRegistry registry = new TrainingRegistry()) {
            String image = registry.host() + "/" + TrainingRegistry.REPOSITORY;
            String[] inspect = {"inspect", image + ":1", "--mirror", registry.host() + "=http://" + registry.host(),
                "--cache-dir", cache.toString(), "--prefix", "blaze."};
            // The user's own settings must not steer (or break) the training: nothing of theirs is read.
            Map<String, String> env = Map.of("DOCKER_CONFIG", cache.resolve("no-docker-config").toString(),
                    "XDG_CONFIG_HOME", cache.resolve("no-config").toString());
            int cold = quietly(env, inspect).code();
            int warm = quietly(env, inspect).code();
            int batch = quietly(env, "list", image, "--mirror", registry.host() + "=http://" + registry.host(),
                    "--cache-dir", cache.toString(), "-o", "json").code();
            // First an HTTPS mirror whose handshake fails, then the registry: the archive then also holds what
            // a failed handshake and the fall-over to the next endpoint load.
            int probe = quietly(env, "inspect", image + ":1", "--mirror", registry.host() + "=https://"
                    + registry.plainHttpOnlyHost(), "--mirror", registry.host() + "=http://" + registry.host(),
                    "--cache-dir", cache.resolve("probe").toString()).code();
            String tlsFailure = overTls(registry, identity, cache.resolve("tls"), env);
            return new Training(cold == 0 && warm == 0 && batch == 0 && probe == 0, tlsFailure,
                    registry.servedOverTls());
        } finally {
            try (Stream<Path> files = Files.walk(cache)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * An inspect cold and warm over HTTPS, the CA given as a user gives their registry's: as ca.crt in a
     * certs.d-style folder (--cert-dir; /etc/docker/certs.d/HOST:PORT/ is read the same way). The registry is
     * named localhost, so the run resolves a name, sends it in SNI and checks it against the certificate.
     *
     * @return why it failed, or null
     */
    private static String overTls(TrainingRegistry registry, FutureTask<TrainingCertificates> identity, Path folder,
            Map<String, String> env) throws InterruptedException {
        Path certs = folder.resolve("certs");
        String host;
        try {
            TrainingCertificates made = identity.get();
            host = "localhost:" + registry.serveTls(made.serverContext());
            Files.createDirectories(certs);
            Files.writeString(certs.resolve("ca.crt"), made.authorityPem(), StandardCharsets.US_ASCII);
        } catch (ExecutionException e) {
            return "making the certificates: " + e.getCause();
        } catch (GeneralSecurityException | IOException e) {
            return "serving HTTPS: " + e;
        }
        String[] inspect = {"inspect", host + "/" + TrainingRegistry.REPOSITORY + ":1", "--mirror",
            host + "=https://" + host, "--cert-dir", certs.toString(), "--cache-dir", folder.resolve("cache").toString(),
            "--prefix", "blaze."};
        for (String run : List.of("cold", "warm")) {
            Run done = quietly(env, inspect);
            if (done.code() != 0) {
                return "inspect over HTTPS, " + run + ", exited " + done.code() + ": " + done.output();
            }
        }
        return null;
    }

    private record Run(int code, String output) {
    }

    private static Run quietly(Map<String, String> env, String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        int code = Main.run(InputStream.nullInputStream(), sink, sink, env, args);
        return new Run(code, sink.toString(StandardCharsets.UTF_8));
    }
}
