package dev.labels.cli.boot;

import dev.labels.cli.CommandModel;
import dev.labels.cli.ExitCodes;
import dev.labels.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Hidden: the launcher runs this once, with -XX:DumpLoadedClassList, to list the classes a real run loads for
 * a class-data-sharing archive that later runs map instead of loading them again. It inspects an image
 * served by an in-process registry, cold and then warm, so the archive holds the whole path: option parsing,
 * auth, manifests, platform selection, config, cache and output. No network, and nothing is written outside a
 * temporary folder.
 */
public final class TrainCommand implements Callable<Integer> {

    public CommandSpec model() {
        return CommandModel.of("__train", this).hidden().spec();
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
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
            int cold = quietly(env, inspect);
            int warm = quietly(env, inspect);
            int batch = quietly(env, "list", image, "--mirror", registry.host() + "=http://" + registry.host(),
                    "--cache-dir", cache.toString(), "-o", "json");
            // First an HTTPS mirror whose handshake fails, then the registry: the archive then also holds the
            // TLS stack that every HTTPS registry needs.
            int probe = quietly(env, "inspect", image + ":1", "--mirror", registry.host() + "=https://"
                    + registry.plainHttpOnlyHost(), "--mirror", registry.host() + "=http://" + registry.host(),
                    "--cache-dir", cache.resolve("probe").toString());
            return cold == 0 && warm == 0 && batch == 0 && probe == 0 ? ExitCodes.OK : ExitCodes.ERROR;
        } finally {
            try (Stream<Path> files = Files.walk(cache)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static int quietly(Map<String, String> env, String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        return Main.run(InputStream.nullInputStream(), sink, sink, env, args);
    }
}
