package dev.labels.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labels.testing.FixtureContent.Descriptor;
import dev.labels.testing.FixtureContent.Layer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 * The standard fixture images, and the code that pushes them into a {@link LocalRegistry}.
 *
 * <p>Every fixture exists twice: under {@code public/}, which the {@link TestTokenServer} lets anyone pull, and
 * under {@code private/}, which needs the test credentials in {@link LocalRegistry.Mode#TOKEN} mode. In the
 * other modes the prefix makes no difference.
 */
public final class Fixtures {

    public static final String PUBLIC = "public";
    public static final String PRIVATE = "private";

    /** Labels of {@code docker-v2:1}: the real-world shape plus every kind of value that breaks naive output. */
    public static final Map<String, String> DOCKER_V2_LABELS = ordered(
            "blaze.service.deployment.cpu", "0.1",
            "blaze.service.deployment.memory", "300",
            "blaze.service.health-check.endpoint", "/status",
            "org.opencontainers.image.title", "dodo",
            "test.unicode", "Grüße, 世界 — ☃ 🚀",
            "test.multiline", "first line\nsecond line",
            "test.shell", "say \"hi\" 'there' $(rm -rf /) `id` \\n ${HOME}",
            "test.empty", "");

    /** Labels of {@code docker-v2:2}: one value changed, for diffs between tags. */
    public static final Map<String, String> DOCKER_V2_TAG2_LABELS = with(DOCKER_V2_LABELS, "blaze.service.deployment.memory", "512");

    public static final Map<String, String> OCI_LABELS = ordered(
            "org.opencontainers.image.title", "oci-dodo",
            "org.opencontainers.image.version", "2.0.0",
            "org.opencontainers.image.source", "https://git.example.invalid/labels/oci",
            "blaze.service.deployment.cpu", "0.5");

    public static final String ARCH_LABEL = "arch.label";

    /** Two cores do the bcrypt work; a few more threads keep both busy while others wait on I/O. */
    private static final int PARALLEL_PUSHES = 4;
    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(60);
    private static final Layer LAYER = FixtureContent.layer("hello.txt", "a labels test fixture\n");

    private Fixtures() {
    }

    /** Pushes the fixtures under both {@link #PUBLIC} and {@link #PRIVATE}; keyed by prefix. */
    public static Map<String, FixtureSet> pushAll(LocalRegistry registry) {
        Map<String, FixtureSet> sets = new LinkedHashMap<>();
        for (String prefix : List.of(PUBLIC, PRIVATE)) {
            sets.put(prefix, push(registry, prefix));
        }
        return Collections.unmodifiableMap(sets);
    }

    /**
     * Pushes the fixtures as {@code <prefix>/<name>:<tag>}. The six fixtures go up in parallel because under
     * htpasswd each request costs the registry a bcrypt check (about 0.25 s); within a fixture, children and
     * blobs always go before the manifest or index naming them, since the registry checks they exist.
     */
    public static FixtureSet push(LocalRegistry registry, String prefix) {
        FixturePusher pusher = new FixturePusher(registry);
        String docker = prefix + "/docker-v2";
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_PUSHES, runnable -> {
            Thread thread = new Thread(runnable, "fixture-push");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<FixtureImage> dockerV2 = pool.submit(() -> single(pusher, docker, "1",
                    FixtureMediaTypes.DOCKER_MANIFEST, FixturePlatform.LINUX_AMD64, DOCKER_V2_LABELS));
            Future<FixtureImage> dockerV2Tag2 = pool.submit(() -> single(pusher, docker, "2",
                    FixtureMediaTypes.DOCKER_MANIFEST, FixturePlatform.LINUX_AMD64, DOCKER_V2_TAG2_LABELS));
            Future<FixtureImage> oci = pool.submit(() -> single(pusher, prefix + "/oci", "1",
                    FixtureMediaTypes.OCI_MANIFEST, FixturePlatform.LINUX_AMD64, OCI_LABELS));
            Future<FixtureImage> noLabels = pool.submit(() -> single(pusher, prefix + "/nolabels", "1",
                    FixtureMediaTypes.DOCKER_MANIFEST, FixturePlatform.LINUX_AMD64, null));
            Future<FixtureImage> multi = pool.submit(() -> multi(pusher, prefix + "/multi"));
            Future<FixtureImage> ociIndex = pool.submit(() -> ociIndex(pusher, prefix + "/oci-index"));
            return new FixtureSet(prefix, await(dockerV2), await(dockerV2Tag2), await(oci),
                    await(multi), await(ociIndex), await(noLabels));
        } finally {
            pool.shutdownNow();
        }
    }

    private static FixtureImage await(Future<FixtureImage> push) {
        try {
            return push.get(PUSH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("pushing a fixture took over " + PUSH_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pushing fixtures", e);
        }
    }

    /**
     * Pushes one single-platform image as {@code repository:tag}: the shared layer, a config holding
     * {@code labels} (null writes {@code "Labels": null}), and a manifest of {@code manifestType}.
     * Public for the benchmark, which pushes hundreds of tags this way.
     */
    public static FixtureImage single(FixturePusher pusher, String repository, String tag, String manifestType,
                                       FixturePlatform platform, Map<String, String> labels) {
        Pushed image = pushImage(pusher, repository, tag, manifestType, platform, labels);
        return new FixtureImage(repository, tag, image.manifest().digest(), manifestType, List.of(image.manifest()), null);
    }

    /**
     * A Docker manifest list of linux/amd64 and linux/arm64/v8 at {@code repository:1}, told apart by
     * {@link #ARCH_LABEL}. Public for the benchmark.
     */
    public static FixtureImage multi(FixturePusher pusher, String repository) {
        List<ObjectNode> entries = new ArrayList<>();
        List<FixtureManifest> platforms = new ArrayList<>();
        for (FixturePlatform platform : List.of(FixturePlatform.LINUX_AMD64, FixturePlatform.LINUX_ARM64_V8)) {
            Pushed child = pushImage(pusher, repository, null, FixtureMediaTypes.DOCKER_MANIFEST, platform,
                    ordered("org.opencontainers.image.title", "multi", ARCH_LABEL, platform.architecture()));
            entries.add(FixtureContent.indexEntry(child.descriptor(), platform, Map.of()));
            platforms.add(child.manifest());
        }
        byte[] list = FixtureContent.index(FixtureMediaTypes.DOCKER_MANIFEST_LIST, entries);
        String digest = pusher.pushManifest(repository, "1", FixtureMediaTypes.DOCKER_MANIFEST_LIST, list);
        return new FixtureImage(repository, "1", digest, FixtureMediaTypes.DOCKER_MANIFEST_LIST, platforms, null);
    }

    /**
     * An OCI index as {@code docker buildx build --provenance} makes it, except that the attestation manifest
     * comes FIRST: a client that takes the first entry, or ignores {@code unknown/unknown}, reads the wrong
     * config. Platforms are linux/amd64 and linux/arm64 (no variant).
     */
    private static FixtureImage ociIndex(FixturePusher pusher, String repository) {
        List<FixtureManifest> platforms = new ArrayList<>();
        List<Descriptor> descriptors = new ArrayList<>();
        for (FixturePlatform platform : List.of(FixturePlatform.LINUX_AMD64, FixturePlatform.LINUX_ARM64)) {
            Pushed child = pushImage(pusher, repository, null, FixtureMediaTypes.OCI_MANIFEST, platform,
                    ordered("org.opencontainers.image.title", "oci-index", ARCH_LABEL, platform.architecture()));
            platforms.add(child.manifest());
            descriptors.add(child.descriptor());
        }
        Pushed attestation = pushAttestation(pusher, repository, platforms.get(0).digest());

        List<ObjectNode> entries = new ArrayList<>();
        entries.add(FixtureContent.indexEntry(attestation.descriptor(), FixturePlatform.UNKNOWN, ordered(
                "vnd.docker.reference.digest", platforms.get(0).digest(),
                "vnd.docker.reference.type", "attestation-manifest")));
        for (int i = 0; i < platforms.size(); i++) {
            entries.add(FixtureContent.indexEntry(descriptors.get(i), platforms.get(i).platform(), Map.of()));
        }
        byte[] index = FixtureContent.index(FixtureMediaTypes.OCI_INDEX, entries);
        String digest = pusher.pushManifest(repository, "1", FixtureMediaTypes.OCI_INDEX, index);
        return new FixtureImage(repository, "1", digest, FixtureMediaTypes.OCI_INDEX, platforms, attestation.manifest());
    }

    /** Pushes layer, config and manifest; by tag when {@code tag} is given, else by digest (an index child). */
    private static Pushed pushImage(FixturePusher pusher, String repository, String tag, String manifestType,
                                    FixturePlatform platform, Map<String, String> labels) {
        boolean oci = manifestType.equals(FixtureMediaTypes.OCI_MANIFEST);
        byte[] config = FixtureContent.config(platform, labels, LAYER.diffId());
        Descriptor configDescriptor = Descriptor.of(oci ? FixtureMediaTypes.OCI_CONFIG : FixtureMediaTypes.DOCKER_CONFIG, config);
        Descriptor layerDescriptor = Descriptor.of(oci ? FixtureMediaTypes.OCI_LAYER : FixtureMediaTypes.DOCKER_LAYER, LAYER.gzipped());
        pusher.pushBlob(repository, LAYER.gzipped());
        pusher.pushBlob(repository, config);
        byte[] manifest = FixtureContent.imageManifest(manifestType, configDescriptor, layerDescriptor, Map.of());
        return pushManifest(pusher, repository, tag, manifestType, manifest, platform, configDescriptor.digest(),
                labels == null ? Map.of() : labels);
    }

    /**
     * A BuildKit-style provenance attestation: an OCI manifest whose one layer is an in-toto statement about
     * {@code subjectDigest}, with an {@code unknown/unknown} config so that nothing mistakes it for an image.
     */
    private static Pushed pushAttestation(FixturePusher pusher, String repository, String subjectDigest) {
        byte[] statement = FixtureContent.bytes(ordered(
                "_type", "https://in-toto.io/Statement/v0.1",
                "predicateType", "https://slsa.dev/provenance/v0.2",
                "subject", subjectDigest));
        byte[] config = FixtureContent.config(FixturePlatform.UNKNOWN, null, FixturePusher.sha256(statement));
        Descriptor configDescriptor = Descriptor.of(FixtureMediaTypes.OCI_CONFIG, config);
        Descriptor statementDescriptor = Descriptor.of(FixtureMediaTypes.IN_TOTO, statement);
        pusher.pushBlob(repository, statement);
        pusher.pushBlob(repository, config);
        byte[] manifest = FixtureContent.imageManifest(FixtureMediaTypes.OCI_MANIFEST, configDescriptor, statementDescriptor,
                Map.of("in-toto.io/predicate-type", "https://slsa.dev/provenance/v0.2"));
        return pushManifest(pusher, repository, null, FixtureMediaTypes.OCI_MANIFEST, manifest, FixturePlatform.UNKNOWN,
                configDescriptor.digest(), Map.of());
    }

    private static Pushed pushManifest(FixturePusher pusher, String repository, String tag, String manifestType,
                                       byte[] manifest, FixturePlatform platform, String configDigest,
                                       Map<String, String> labels) {
        String digest = pusher.pushManifest(repository, tag == null ? FixturePusher.sha256(manifest) : tag, manifestType, manifest);
        return new Pushed(new FixtureManifest(digest, manifestType, platform, configDigest, labels),
                new Descriptor(manifestType, digest, manifest.length));
    }

    /** A pushed manifest, and its descriptor for an index to list it by. */
    private record Pushed(FixtureManifest manifest, Descriptor descriptor) {
    }

    /** An unmodifiable map that keeps the given order, so config bytes (and digests) are stable. */
    static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> map = new LinkedHashMap<>(base);
        map.put(key, value);
        return Collections.unmodifiableMap(map);
    }
}
