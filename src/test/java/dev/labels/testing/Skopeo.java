package dev.labels.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * skopeo as the oracle: what {@code skopeo inspect} reports for an image is what {@code labels} must report.
 *
 * <p>Each run is hermetic: HOME, XDG_RUNTIME_DIR and the auth file point into a fresh temp folder, so nothing
 * from the machine's or root's own config (saved logins, registries.conf mirrors) leaks into a test. A missing
 * skopeo fails with the install command; it never skips.
 */
public final class Skopeo {

    static final Path BINARY = Path.of("/usr/bin/skopeo");
    /** skopeo answers a loopback registry in well under a second; the limit only catches a hang. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How to inspect: as whom, and which platform to pick from an index.
     *
     * @param username null for anonymous access
     * @param platform null for skopeo's default, the platform of the machine running it
     */
    public record Options(String username, String password, FixturePlatform platform) {

        public static Options anonymous() {
            return new Options(null, null, null);
        }

        /** The test user with the test password. */
        public static Options authenticated() {
            return anonymous().withCredentials(LocalRegistry.USER, LocalRegistry.PASSWORD);
        }

        public Options withCredentials(String username, String password) {
            return new Options(username, password, platform);
        }

        public Options withPlatform(FixturePlatform platform) {
            return new Options(username, password, platform);
        }
    }

    /** What one skopeo run printed. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private Skopeo() {
    }

    /**
     * The labels skopeo reports for {@code reference} ({@code repo:tag} or {@code repo@digest}) on
     * {@code registryHost}; an empty map where the config has no labels. Fails if skopeo fails.
     */
    public static Map<String, String> labels(String registryHost, String reference, Options options) {
        JsonNode labels = raw(registryHost, reference, options).path("Labels");
        if (labels.isNull() || labels.isMissingNode()) {
            return Map.of();
        }
        return JSON.convertValue(labels, new TypeReference<LinkedHashMap<String, String>>() { });
    }

    /**
     * The whole {@code skopeo inspect} JSON (Name, Digest, Architecture, Os, Labels, Layers, ...). Not skopeo's
     * {@code --raw} manifest: this is its own summary of the image it picked. Fails if skopeo fails.
     */
    public static JsonNode raw(String registryHost, String reference, Options options) {
        Result result = inspect(registryHost, reference, options);
        if (!result.succeeded()) {
            throw new AssertionError("skopeo inspect of " + registryHost + "/" + reference + " failed with exit code "
                    + result.exitCode() + ": " + result.stderr().strip());
        }
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new AssertionError("skopeo inspect printed something that is not JSON: " + result.stdout(), e);
        }
    }

    /**
     * The image's config blob as {@code skopeo inspect --config --raw} prints it (the platform chosen as for
     * {@link #labels}). Fails if skopeo fails.
     */
    public static String rawConfig(String registryHost, String reference, Options options) {
        Result result = inspect(registryHost, reference, options, List.of("--config", "--raw"));
        if (!result.succeeded()) {
            throw new AssertionError("skopeo inspect --config --raw of " + registryHost + "/" + reference
                    + " failed with exit code " + result.exitCode() + ": " + result.stderr().strip());
        }
        return result.stdout();
    }

    /** Runs {@code skopeo inspect} and returns the outcome without judging it, for tests that expect failure. */
    public static Result inspect(String registryHost, String reference, Options options) {
        return inspect(registryHost, reference, options, List.of());
    }

    private static Result inspect(String registryHost, String reference, Options options, List<String> extra) {
        return run("inspect", (home, authFile) -> {
            List<String> args = new ArrayList<>(List.of("--no-tags", "--tls-verify=false", "--authfile", authFile.toString()));
            if (options.username() != null) {
                args.add("--creds");
                args.add(options.username() + ":" + options.password());
            } else {
                args.add("--no-creds"); // explicit, in case a login is found somewhere we did not think of
            }
            args.addAll(platformArguments(options.platform()));
            args.addAll(extra);
            args.add("docker://" + registryHost + "/" + reference);
            return args;
        });
    }

    /**
     * The labels skopeo reports for an image that is not in a registry, named with a skopeo transport:
     * {@code oci:/path:tag}, {@code oci-archive:/path.tar}, {@code docker-archive:/path.tar[:name]}. Fails if
     * skopeo fails.
     *
     * @param platform null for skopeo's default, the platform of the machine running it
     */
    public static Map<String, String> localLabels(String image, FixturePlatform platform) {
        Result result = inspectLocal(image, platform);
        if (!result.succeeded()) {
            throw new AssertionError("skopeo inspect of " + image + " failed with exit code " + result.exitCode()
                    + ": " + result.stderr().strip());
        }
        try {
            JsonNode labels = JSON.readTree(result.stdout()).path("Labels");
            if (labels.isNull() || labels.isMissingNode()) {
                return Map.of();
            }
            return JSON.convertValue(labels, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException e) {
            throw new AssertionError("skopeo inspect printed something that is not JSON: " + result.stdout(), e);
        }
    }

    /** Runs {@code skopeo inspect IMAGE} for a local transport, without judging the outcome. */
    public static Result inspectLocal(String image, FixturePlatform platform) {
        return inspectLocal(image, platform, List.of());
    }

    /**
     * The config blob of an image that is not in a registry, as {@code skopeo inspect --config --raw} prints it
     * (the platform chosen as for {@link #localLabels}). Fails if skopeo fails.
     */
    public static String localRawConfig(String image, FixturePlatform platform) {
        Result result = inspectLocal(image, platform, List.of("--config", "--raw"));
        if (!result.succeeded()) {
            throw new AssertionError("skopeo inspect --config --raw of " + image + " failed with exit code "
                    + result.exitCode() + ": " + result.stderr().strip());
        }
        return result.stdout();
    }

    private static Result inspectLocal(String image, FixturePlatform platform, List<String> extra) {
        return run("inspect", (home, authFile) -> {
            List<String> args = new ArrayList<>(platformArguments(platform));
            args.addAll(extra);
            args.add(image);
            return args;
        });
    }

    /**
     * {@code skopeo copy SOURCE DESTINATION}, anonymously, for files written by skopeo itself: {@code docker://}
     * sources on a plain-HTTP test registry, {@code oci:} or {@code oci-archive:} destinations. No signature
     * policy applies (the machine's own policy.json must not decide a test). {@code options} go before the
     * images, e.g. {@code --all} to copy every platform of an index. Fails if skopeo fails.
     */
    public static void copy(String source, String destination, String... options) {
        Result result = run("copy", (home, authFile) -> {
            List<String> args = new ArrayList<>(List.of("--insecure-policy", "--src-tls-verify=false", "--src-no-creds"));
            args.addAll(List.of(options));
            args.addAll(List.of(source, destination));
            return args;
        });
        if (!result.succeeded()) {
            throw new AssertionError("skopeo copy " + source + " " + destination + " failed with exit code "
                    + result.exitCode() + ": " + result.stderr().strip());
        }
    }

    private static List<String> platformArguments(FixturePlatform platform) {
        if (platform == null) {
            return List.of();
        }
        // The overrides are global options in skopeo 1.9 but are accepted after the subcommand too.
        List<String> args = new ArrayList<>(List.of("--override-os", platform.os(), "--override-arch", platform.architecture()));
        if (platform.variant() != null) {
            args.addAll(List.of("--override-variant", platform.variant()));
        }
        return args;
    }

    /** The arguments after {@code skopeo SUBCOMMAND}, given the run's private home folder and auth file. */
    @FunctionalInterface
    private interface Arguments {
        List<String> in(Path home, Path authFile);
    }

    /**
     * The image {@code source} (a local transport: {@code oci:/path:tag}) as a signed schema 1 manifest, as
     * {@code skopeo copy --format v2s1} writes it: a JWS whose payload is the manifest, signed with a throwaway
     * key. Fails if skopeo fails.
     */
    public static byte[] signedSchema1(String source) {
        Path out = TempFolders.create("labels-skopeo-v2s1-");
        try {
            Result result = run("copy", (home, authFile) -> List.of("--format", "v2s1", source, "dir:" + out));
            if (!result.succeeded()) {
                throw new AssertionError("skopeo copy --format v2s1 " + source + " failed: " + result.stderr().strip());
            }
            return Files.readAllBytes(out.resolve("manifest.json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            TempFolders.deleteQuietly(out);
        }
    }

    /**
     * The digest skopeo gives a manifest ({@code skopeo manifest-digest}): of the bytes, or for a signed schema 1
     * manifest of its payload without the signatures, as the registry computes it. Fails if skopeo fails.
     */
    public static String manifestDigest(byte[] manifest) {
        Result result = digestManifest(manifest);
        if (!result.succeeded()) {
            throw new AssertionError("skopeo manifest-digest failed: " + result.stderr().strip());
        }
        return result.stdout().strip();
    }

    /** Runs {@code skopeo manifest-digest} and returns the outcome without judging it. */
    public static Result digestManifest(byte[] manifest) {
        Path folder = TempFolders.create("labels-skopeo-digest-");
        try {
            Path file = folder.resolve("manifest.json");
            Files.write(file, manifest);
            return run("manifest-digest", (home, authFile) -> List.of(file.toString()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            TempFolders.deleteQuietly(folder);
        }
    }

    private static Result run(String subcommand, Arguments arguments) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: the integration tests use skopeo as their oracle. "
                    + "Install it with: apt-get install -y skopeo");
        }
        Path home = TempFolders.create("labels-skopeo-");
        try {
            Path authFile = home.resolve("auth.json");
            Path registriesConf = home.resolve("registries.conf");
            // An empty file is not valid JSON to skopeo; an empty auths object is "no saved logins".
            Files.writeString(authFile, "{\"auths\":{}}\n");
            Files.writeString(registriesConf, "");
            List<String> command = new ArrayList<>(List.of(BINARY.toString(), subcommand));
            command.addAll(arguments.in(home, authFile));
            Map<String, String> env = new LinkedHashMap<>();
            env.put("HOME", home.toString());
            env.put("XDG_RUNTIME_DIR", home.toString());
            env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
            env.put("REGISTRY_AUTH_FILE", authFile.toString());
            env.put("CONTAINERS_REGISTRIES_CONF", registriesConf.toString());
            env.put("DOCKER_CONFIG", home.resolve(".docker").toString());
            // oci-archive: is unpacked by skopeo into a temporary folder; keep it inside the hermetic home.
            env.put("TMPDIR", home.toString());
            ProcessRunner.Result result = ProcessRunner.run(command, env, home, TIMEOUT);
            return new Result(result.exitCode(), result.stdout(), result.stderr());
        } catch (IOException e) {
            throw new IllegalStateException("could not prepare a skopeo run in " + home, e);
        } finally {
            TempFolders.deleteQuietly(home);
        }
    }
}
