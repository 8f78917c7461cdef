package dev.labels.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The two tools under comparison, as command lines, and the one environment both run in: a fresh HOME with
 * empty config, cache and runtime folders, an empty Docker config, an authfile holding no logins and an empty
 * registries.conf, so that nothing from this machine's or root's own setup (saved logins, mirrors, a warm
 * labels cache) changes what is measured.
 *
 * <p>How they reach the registry is the same for both: over plain HTTP on loopback, skopeo with
 * {@code --tls-verify=false} (so that it falls back to plain HTTP, as labels does there by itself); over HTTPS,
 * both with {@code --cert-dir} naming one folder that holds the benchmark's CA as {@code ca.crt}, added to the
 * system's trust by each, and certificates verified.
 */
final class Tools {
    private final Path labels;
    private final Path skopeo;
    private final Path home;
    private final Path authFile;
    private final Map<String, String> env;
    /** Null over plain HTTP. */
    private final Path certDir;

    Tools(Path labels, Path skopeo, Path home) {
        this.labels = labels;
        this.skopeo = skopeo;
        this.home = home;
        this.certDir = null;
        this.authFile = home.resolve("auth.json");
        try {
            for (String folder : List.of(".config", ".cache", ".local/share", "run", ".docker")) {
                Files.createDirectories(home.resolve(folder));
            }
            // An empty file is not valid JSON to skopeo; an empty auths object is "no saved logins".
            Files.writeString(authFile, "{\"auths\":{}}\n");
            Files.writeString(home.resolve("registries.conf"), "");
            Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{}}\n");
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the tools' home " + home, e);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            environment.put("JAVA_HOME", javaHome); // the launcher's java, as for a user who set it
        }
        environment.put("LANG", "C.UTF-8");
        environment.put("HOME", home.toString());
        environment.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        environment.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        environment.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        environment.put("XDG_RUNTIME_DIR", home.resolve("run").toString());
        environment.put("DOCKER_CONFIG", home.resolve(".docker").toString());
        environment.put("REGISTRY_AUTH_FILE", authFile.toString());
        environment.put("CONTAINERS_REGISTRIES_CONF", home.resolve("registries.conf").toString());
        this.env = Map.copyOf(environment);
    }

    private Tools(Tools plain, Path certDir) {
        this.labels = plain.labels;
        this.skopeo = plain.skopeo;
        this.home = plain.home;
        this.authFile = plain.authFile;
        this.env = plain.env;
        this.certDir = certDir;
    }

    /** The same tools, in the same environment, reading over HTTPS and trusting the CA in {@code certDir}. */
    Tools trusting(Path certDir) {
        return new Tools(this, certDir);
    }

    Map<String, String> env() {
        return env;
    }

    /** The environment with {@code LABELS_JAVA_OPTS} set, for the memory check. */
    Map<String, String> envWithJavaOptions(String options) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.put("LABELS_JAVA_OPTS", options);
        return copy;
    }

    Path home() {
        return home;
    }

    /** {@code target/labels ARGS...}, for commands that read no registry ({@code --version}). */
    List<String> labels(String... args) {
        List<String> command = new ArrayList<>();
        command.add(labels.toString());
        command.addAll(List.of(args));
        return command;
    }

    /** {@code target/labels COMMAND [--cert-dir DIR] ARGS...}: a command that reads the registry. */
    List<String> labelsReading(String subcommand, String... args) {
        List<String> command = new ArrayList<>(List.of(labels.toString(), subcommand));
        if (certDir != null) {
            command.addAll(List.of("--cert-dir", certDir.toString()));
        }
        command.addAll(List.of(args));
        return command;
    }

    /**
     * {@code skopeo inspect} as the targets compare against: no tag listing, no saved logins, anonymous; over
     * plain HTTP TLS not verified, so that it falls back to plain HTTP on loopback, as labels does.
     */
    List<String> skopeoInspect() {
        List<String> command = new ArrayList<>(List.of(skopeo.toString(), "inspect", "--no-tags"));
        if (certDir == null) {
            command.add("--tls-verify=false");
        } else {
            command.addAll(List.of("--cert-dir", certDir.toString()));
        }
        command.addAll(List.of("--authfile", authFile.toString(), "--no-creds"));
        return List.copyOf(command);
    }

    /** One {@code skopeo inspect} of {@code docker://HOST/REF}. */
    List<String> skopeoInspect(String reference) {
        List<String> command = new ArrayList<>(skopeoInspect());
        command.add("docker://" + reference);
        return command;
    }

    /** A shell loop running skopeo once per line of {@code refs} (docker:// references), one after another. */
    List<String> skopeoLoop(Path refs) {
        String script = "while IFS= read -r ref; do " + shell(skopeoInspect()) + " \"$ref\" >/dev/null || exit 1; done < "
                + quote(refs.toString());
        return List.of("/bin/bash", "-c", script);
    }

    /** {@code xargs -P JOBS}: skopeo once per line of {@code refs}, JOBS at a time. */
    List<String> skopeoXargs(Path refs, int jobs) {
        List<String> command = new ArrayList<>(List.of("xargs", "-P", Integer.toString(jobs), "-n", "1",
                "-a", refs.toString()));
        command.addAll(skopeoInspect());
        return command;
    }

    /** How a command is shown in the report: the benchmark's temp folder as $BENCH, labels as target/labels. */
    String display(List<String> command) {
        return command.stream().map(arg -> arg.replace(labels.toString(), "target/labels")
                        .replace(home.getParent().toString(), "$BENCH"))
                .collect(Collectors.joining(" "));
    }

    private static String shell(List<String> command) {
        return command.stream().map(Tools::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
