package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FakeCredentialHelper;
import dev.labels.testing.FixtureImage;
import dev.labels.testing.FixtureManifest;
import dev.labels.testing.FixtureSet;
import dev.labels.testing.Fixtures;
import dev.labels.testing.LocalRegistry;
import dev.labels.testing.LocalRegistry.Mode;
import dev.labels.testing.Skopeo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tool end to end against a real registry (Debian's docker-registry, Distribution 2.8) in each auth mode,
 * with skopeo as the oracle: for every fixture, platform and reference form, {@code labels inspect} must print
 * exactly the labels skopeo reports, and those must be the labels that were pushed.
 */
class RegistryIntegrationTest {
    private static final Map<Mode, LocalRegistry> REGISTRIES = new EnumMap<>(Mode.class);
    private static final Map<Mode, FixtureSet> FIXTURES = new EnumMap<>(Mode.class);
    /** Official-image names (library/...) on the anonymous registry, for the Docker Hub mirror test. */
    private static FixtureSet official;

    @BeforeAll
    static void startRegistries() {
        for (Mode mode : Mode.values()) {
            LocalRegistry registry = LocalRegistry.start(mode);
            REGISTRIES.put(mode, registry);
            // Under token auth, private/ needs credentials: it is the set that proves authentication works.
            FIXTURES.put(mode, Fixtures.push(registry, mode == Mode.TOKEN ? Fixtures.PRIVATE : Fixtures.PUBLIC));
        }
        official = Fixtures.push(REGISTRIES.get(Mode.ANONYMOUS), "library");
    }

    @AfterAll
    static void stopRegistries() {
        REGISTRIES.values().forEach(LocalRegistry::close);
    }

    private static boolean needsCredentials(Mode mode) {
        return mode != Mode.ANONYMOUS;
    }

    private static String[] inspect(Mode mode, String reference, String... extra) {
        List<String> args = new ArrayList<>(List.of("inspect", REGISTRIES.get(mode).host() + "/" + reference));
        if (needsCredentials(mode)) {
            args.add("--creds");
            args.add(LocalRegistry.USER + ":" + LocalRegistry.PASSWORD);
        }
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static Skopeo.Options skopeoOptions(Mode mode) {
        return needsCredentials(mode) ? Skopeo.Options.authenticated() : Skopeo.Options.anonymous();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void labelsOfEverySinglePlatformImageMatchSkopeoByTagAndByDigest(Mode mode) {
        List<Executable> checks = new ArrayList<>();
        for (FixtureImage image : FIXTURES.get(mode).all()) {
            if (image.isIndex()) {
                continue;
            }
            for (String reference : List.of(image.reference(), image.digestReference())) {
                checks.add(() -> {
                    CliRun run = CliRun.run(inspect(mode, reference));
                    assertEquals(0, run.exitCode(), run::toString);
                    Map<String, String> oracle = Skopeo.labels(REGISTRIES.get(mode).host(), reference, skopeoOptions(mode));
                    assertEquals(oracle, run.labels(), mode + " " + reference + " vs skopeo");
                    assertEquals(image.labels(), run.labels(), mode + " " + reference + " vs what was pushed");
                });
            }
        }
        assertAll(checks);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyPlatformOfAnIndexMatchesSkopeo(Mode mode) {
        List<Executable> checks = new ArrayList<>();
        FixtureSet set = FIXTURES.get(mode);
        for (FixtureImage image : List.of(set.multi(), set.ociIndex())) {
            for (FixtureManifest platform : image.platforms()) {
                checks.add(() -> {
                    CliRun run = CliRun.run(inspect(mode, image.reference(), "--platform", platform.platform().toString()));
                    assertEquals(0, run.exitCode(), run::toString);
                    Map<String, String> oracle = Skopeo.labels(REGISTRIES.get(mode).host(), image.reference(),
                            skopeoOptions(mode).withPlatform(platform.platform()));
                    assertEquals(oracle, run.labels(), mode + " " + image.reference() + " " + platform.platform());
                    assertEquals(platform.labels(), run.labels());
                });
            }
        }
        assertAll(checks);
    }

    @Test
    void anIndexWithAnAttestationFirstNeverYieldsTheAttestation() {
        FixtureImage index = FIXTURES.get(Mode.ANONYMOUS).ociIndex();

        CliRun run = CliRun.run(inspect(Mode.ANONYMOUS, index.reference(), "--platform", "linux/amd64"));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(index.labels(dev.labels.testing.FixturePlatform.LINUX_AMD64), run.labels());
    }

    @Test
    void dockerHubMirrorServesOfficialImagesUnderTheirLibraryPath() {
        String mirror = "docker.io=" + REGISTRIES.get(Mode.ANONYMOUS).url();

        CliRun run = CliRun.run("inspect", "--mirror", mirror, "docker-v2:1");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(official.dockerV2().labels(), run.labels());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void listGivesEveryTagsLabelsAsSkopeoSeesThem(Mode mode) throws Exception {
        FixtureSet set = FIXTURES.get(mode);
        String host = REGISTRIES.get(mode).host();
        List<String> args = new ArrayList<>(List.of(inspect(mode, set.dockerV2().repository())));
        args.set(0, "list");
        args.add("--no-cache");

        CliRun run = CliRun.run(args.toArray(String[]::new));

        assertEquals(0, run.exitCode(), run::toString);
        Map<String, Map<String, String>> byTag = new java.util.TreeMap<>();
        for (String line : run.stdout().split("\n")) {
            com.fasterxml.jackson.databind.JsonNode record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            Map<String, String> labels = new java.util.TreeMap<>();
            record.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            byTag.put(record.get("reference").asText(), labels);
        }
        for (FixtureImage image : List.of(set.dockerV2(), set.dockerV2Tag2())) {
            assertEquals(Skopeo.labels(host, image.reference(), skopeoOptions(mode)),
                    byTag.get(host + "/" + image.reference()), image.reference());
        }
        assertEquals(2, byTag.size(), run.stdout());
    }

    @Test
    void theRunAfterALoopbackRegistryWasFoundToSpeakPlainHttpSendsItsTokenWithTheFirstRequest(@TempDir Path cache) {
        String[] args = inspect(Mode.TOKEN, FIXTURES.get(Mode.TOKEN).dockerV2().reference(), "-v",
                "--cache-dir", cache.toString());

        String first = logOfASuccessfulRun(args);
        String second = logOfASuccessfulRun(args);

        assertTrue(first.lines().findFirst().orElse("").contains(" http://" + REGISTRIES.get(Mode.TOKEN).host()), first);
        assertFalse(first.contains("TLS"), "no TLS attempt on loopback: " + first);
        assertTrue(first.contains("-> 401"), "the first run asks over plain HTTP without credentials: " + first);
        assertFalse(second.contains("-> 401"), "the next run knows the scheme and sends its token at once: " + second);
        assertTrue(second.contains(" http://" + REGISTRIES.get(Mode.TOKEN).host()), second);
    }

    @Test
    void aRememberedTokenThatIsRefusedAfterTheProbeIsFetchedAgain(@TempDir Path cache) throws Exception {
        String[] args = inspect(Mode.TOKEN, FIXTURES.get(Mode.TOKEN).dockerV2().reference(), "-v",
                "--cache-dir", cache.toString());
        logOfASuccessfulRun(args);
        // The note of the scheme has expired (they last a day), the challenge and token are still remembered,
        // and the registry no longer takes the token (restarted with another key, say).
        Path notes = cache.resolve("v1/notes");
        try (var plainHttp = Files.list(notes.resolve("plain-http")); var tokens = Files.list(notes.resolve("tokens"))) {
            for (Path note : plainHttp.toList()) {
                Files.delete(note);
            }
            for (Path note : tokens.toList()) {
                Files.writeString(note, Files.readString(note).replaceAll("\"token\":\"[^\"]*\"", "\"token\":\"refused\""));
            }
        }

        String second = logOfASuccessfulRun(args);

        assertEquals(2, second.lines().filter(line -> line.contains("-> 401")).count(),
                "the probe's, then the refused token's: " + second);
        assertEquals(1, second.lines().filter(line -> line.contains("/token?")).count(), "a fresh token: " + second);
    }

    private static String logOfASuccessfulRun(String[] args) {
        LoggedRun run = LoggedRun.run(args);
        assertEquals(0, run.exitCode(), run::toString);
        return run.log();
    }

    @Test
    void prefixKeepsOnlyMatchingLabels() {
        FixtureImage image = FIXTURES.get(Mode.ANONYMOUS).dockerV2();

        CliRun run = CliRun.run(inspect(Mode.ANONYMOUS, image.reference(), "--prefix", "blaze.service.deployment."));

        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(run.labels().isEmpty());
        run.labels().keySet().forEach(key -> assertTrue(key.startsWith("blaze.service.deployment."), key));
        image.labels().forEach((key, value) -> {
            if (key.startsWith("blaze.service.deployment.")) {
                assertEquals(value, run.labels().get(key));
            }
        });
    }

    @Test
    void imageWithoutLabelsPrintsAnEmptyObject() {
        CliRun run = CliRun.run(inspect(Mode.ANONYMOUS, FIXTURES.get(Mode.ANONYMOUS).noLabels().reference()));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("{}\n", run.stdout());
    }

    @Test
    void missingTagExitsThreeNamingTheImage() {
        CliRun run = CliRun.run(inspect(Mode.ANONYMOUS, "public/docker-v2:no-such-tag"));

        assertEquals(ExitCodes.NOT_FOUND, run.exitCode(), run::toString);
        assertEquals("", run.stdout());
        assertTrue(run.stderr().startsWith("labels: reading manifest of " + REGISTRIES.get(Mode.ANONYMOUS).host()
                + "/public/docker-v2:no-such-tag: MANIFEST_UNKNOWN"), run.stderr());
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"HTPASSWD", "TOKEN"})
    void wrongCredentialsExitFourWithoutShowingThePassword(Mode mode) {
        String reference = REGISTRIES.get(mode).host() + "/" + FIXTURES.get(mode).dockerV2().reference();

        CliRun run = CliRun.run("inspect", reference, "--creds", LocalRegistry.USER + ":not-the-password");

        assertEquals(ExitCodes.UNAUTHORIZED, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--creds"), "says where the credentials came from: " + run.stderr());
        assertFalse(run.stderr().contains("not-the-password"), run.stderr());
    }

    @Test
    void privateRepositoryWithoutCredentialsIsPrivateOrMissing() {
        String reference = REGISTRIES.get(Mode.TOKEN).host() + "/" + FIXTURES.get(Mode.TOKEN).dockerV2().reference();

        CliRun run = CliRun.run("inspect", reference);

        assertEquals(ExitCodes.NOT_FOUND, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("private or missing: anonymous access was refused"), run.stderr());
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"HTPASSWD", "TOKEN"})
    void credentialsComeFromDockerConfigJson(Mode mode, @TempDir Path dockerConfig) throws Exception {
        String host = REGISTRIES.get(mode).host();
        String auth = Base64.getEncoder().encodeToString(
                (LocalRegistry.USER + ":" + LocalRegistry.PASSWORD).getBytes(StandardCharsets.UTF_8));
        Files.writeString(dockerConfig.resolve("config.json"),
                "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}");
        FixtureImage image = FIXTURES.get(mode).dockerV2();

        CliRun run = CliRun.run(Map.of("DOCKER_CONFIG", dockerConfig.toString()), "",
                "inspect", host + "/" + image.reference());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(image.labels(), run.labels());
    }

    @Test
    void passwordFromStdinWithUsername() {
        String host = REGISTRIES.get(Mode.HTPASSWD).host();
        FixtureImage image = FIXTURES.get(Mode.HTPASSWD).oci();

        CliRun run = CliRun.run(Map.of(), LocalRegistry.PASSWORD + "\n",
                "inspect", host + "/" + image.reference(), "--username", LocalRegistry.USER, "--password-stdin");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(image.labels(), run.labels());
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"HTPASSWD", "TOKEN"})
    void credentialsComeFromADockerCredentialHelper(Mode mode, @TempDir Path dir) throws Exception {
        String host = REGISTRIES.get(mode).host();
        FakeCredentialHelper.answering(dir, "labels-test", LocalRegistry.USER, LocalRegistry.PASSWORD);
        Files.writeString(dir.resolve("config.json"), "{\"credHelpers\":{\"" + host + "\":\"labels-test\"}}");
        Map<String, String> env = new HashMap<>(FakeCredentialHelper.path(dir));
        env.put("DOCKER_CONFIG", dir.toString());
        FixtureImage image = FIXTURES.get(mode).oci();

        CliRun run = CliRun.run(env, "", "inspect", host + "/" + image.reference());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(image.labels(), run.labels());
        assertEquals(host, FakeCredentialHelper.asked(dir, "labels-test"));
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"HTPASSWD", "TOKEN"})
    void wrongCredentialsFromAHelperExitFourNamingTheHelper(Mode mode, @TempDir Path dir) throws Exception {
        String host = REGISTRIES.get(mode).host();
        FakeCredentialHelper.answering(dir, "labels-test", LocalRegistry.USER, "not-the-password");
        Files.writeString(dir.resolve("config.json"), "{\"credsStore\":\"labels-test\"}");
        Map<String, String> env = new HashMap<>(FakeCredentialHelper.path(dir));
        env.put("DOCKER_CONFIG", dir.toString());

        CliRun run = CliRun.run(env, "", "inspect", host + "/" + FIXTURES.get(mode).dockerV2().reference());

        assertEquals(ExitCodes.UNAUTHORIZED, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("docker-credential-labels-test"), run.stderr());
        assertFalse(run.stderr().contains("not-the-password"), run.stderr());
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"HTPASSWD", "TOKEN"})
    void credentialsComeFromAContainersAuthFileByNamespace(Mode mode, @TempDir Path dir) throws Exception {
        String host = REGISTRIES.get(mode).host();
        FixtureImage image = FIXTURES.get(mode).dockerV2();
        String namespace = image.repository().substring(0, image.repository().indexOf('/'));
        Path authFile = dir.resolve("auth.json");
        Files.writeString(authFile, "{\"auths\":{"
                + "\"" + host + "\":{\"auth\":\"" + base64(LocalRegistry.USER + ":wrong-for-the-host") + "\"},"
                + "\"" + host + "/" + namespace + "\":{\"auth\":\"" + base64(LocalRegistry.USER + ":" + LocalRegistry.PASSWORD) + "\"}}}");

        CliRun run = CliRun.run(Map.of(), "", "inspect", host + "/" + image.reference(), "--authfile", authFile.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(image.labels(), run.labels());
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"HTPASSWD", "TOKEN"})
    void credentialsComeFromThePodmanAuthFileInXdgRuntimeDir(Mode mode, @TempDir Path dir) throws Exception {
        String host = REGISTRIES.get(mode).host();
        Files.createDirectories(dir.resolve("containers"));
        Files.writeString(dir.resolve("containers/auth.json"), "{\"auths\":{\"" + host + "\":{\"auth\":\""
                + base64(LocalRegistry.USER + ":" + LocalRegistry.PASSWORD) + "\"}}}");
        FixtureImage image = FIXTURES.get(mode).oci();

        CliRun run = CliRun.run(Map.of("XDG_RUNTIME_DIR", dir.toString()), "", "inspect", host + "/" + image.reference());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(image.labels(), run.labels());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
    @ParameterizedTest
    @EnumSource(Mode.class)
    void configPrintsTheConfigBlobByteForByteAsPushedAndAsSkopeoReadsIt(Mode mode) {
        List<Executable> checks = new ArrayList<>();
        FixtureSet set = FIXTURES.get(mode);
        for (FixtureImage image : set.all()) {
            for (FixtureManifest platform : image.platforms()) {
                checks.add(() -> {
                    List<String> args = new ArrayList<>(List.of(inspect(mode, image.reference(),
                            "--platform", platform.platform().toString(), "--no-cache")));
                    args.set(0, "config");
                    CliRun run = CliRun.run(args.toArray(String[]::new));
                    assertEquals(0, run.exitCode(), run::toString);
                    assertEquals(platform.configDigest(), sha256(run.stdoutBytes()),
                            "the bytes printed are the blob pushed: " + image.reference() + " " + platform.platform());
                    String oracle = Skopeo.rawConfig(REGISTRIES.get(mode).host(), image.reference(),
                            skopeoOptions(mode).withPlatform(platform.platform()));
                    assertEquals(oracle, run.stdout(), image.reference() + " vs skopeo --config --raw");
                });
            }
        }
        assertAll(checks);
    }

    @Test
    void allPlatformsOfAnIndexGiveOneRecordPerPlatformAndNoAttestation() throws Exception {
        FixtureImage index = FIXTURES.get(Mode.ANONYMOUS).ociIndex();

        CliRun run = CliRun.run(inspect(Mode.ANONYMOUS, index.reference(), "--all-platforms", "-o", "json"));

        assertEquals(0, run.exitCode(), run::toString);
        com.fasterxml.jackson.databind.JsonNode records = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.stdout());
        assertEquals(index.platforms().size(), records.size(), run.stdout());
        for (int i = 0; i < records.size(); i++) {
            FixtureManifest platform = index.platforms().get(i);
            assertEquals(platform.platform().toString(), records.get(i).get("platform").asText());
            assertEquals(platform.digest(), records.get(i).get("digest").asText());
            Map<String, String> labels = new java.util.TreeMap<>();
            records.get(i).get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            assertEquals(Skopeo.labels(REGISTRIES.get(Mode.ANONYMOUS).host(), index.reference(),
                    Skopeo.Options.anonymous().withPlatform(platform.platform())), labels);
        }
    }

    @Test
    void diffBetweenTagsFindsTheOneChangedLabel() {
        String host = REGISTRIES.get(Mode.ANONYMOUS).host();
        FixtureSet set = FIXTURES.get(Mode.ANONYMOUS);

        CliRun changed = CliRun.run("diff", host + "/" + set.dockerV2().reference(),
                host + "/" + set.dockerV2Tag2().reference(), "--compact");
        CliRun same = CliRun.run("diff", host + "/" + set.dockerV2().reference(),
                host + "/" + set.dockerV2().digestReference(), "--compact");

        assertEquals(ExitCodes.DIFFERENT, changed.exitCode(), changed::toString);
        assertEquals("{\"added\":{},\"removed\":{},\"changed\":{\"blaze.service.deployment.memory\":"
                + "{\"from\":\"300\",\"to\":\"512\"}}}\n", changed.stdout());
        assertEquals(0, same.exitCode(), same::toString);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
