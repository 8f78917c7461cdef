package dev.labels.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Image manifests as the tools that push them write them, for the rule "is this an image?": artifacts that
 * are not images (a Helm chart, an SBOM, a cosign signature) and images whose config type is unusual but still
 * an image's. Each builds its manifest and blobs, for a registry ({@link FixturePusher}) or a layout
 * ({@link OciLayoutBuilder#add}). Media types are written out here, apart from the tool's constants.
 */
public enum ManifestShape {
    /** {@code helm push}: the chart's metadata as config, the chart as the one layer. */
    HELM_CHART(FixtureMediaTypes.OCI_MANIFEST, "application/vnd.cncf.helm.config.v1+json", null,
            "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
            "application/vnd.cncf.helm.config.v1+json"),
    /** {@code oras attach --artifact-type application/spdx+json}: OCI 1.1's empty config, typed by artifactType. */
    SBOM(FixtureMediaTypes.OCI_MANIFEST, "application/vnd.oci.empty.v1+json", "application/spdx+json",
            "application/spdx+json", "application/spdx+json"),
    /**
     * cosign's OCI 1.1 signature ({@code --registry-referrers-mode=oci-1-1}): an image config type with
     * {@code {}} in it, and an artifactType saying what it is.
     */
    COSIGN_SIGNATURE(FixtureMediaTypes.OCI_MANIFEST, FixtureMediaTypes.OCI_CONFIG,
            "application/vnd.dev.cosign.artifact.sig.v1+json", "application/vnd.dev.cosign.simplesigning.v1+json",
            "application/vnd.dev.cosign.artifact.sig.v1+json"),
    /** An OCI manifest naming a Docker config: Docker and containerd run such "mixed" images. */
    MIXED_OCI_MANIFEST_DOCKER_CONFIG(FixtureMediaTypes.OCI_MANIFEST, FixtureMediaTypes.DOCKER_CONFIG, null,
            FixtureMediaTypes.OCI_LAYER, null),
    /**
     * What {@code docker push} wrote with Docker 1.10 and 1.11 (distribution#1621): a schema 2 manifest whose
     * config type is {@code application/octet-stream}. Docker Hub still serves such images.
     */
    DOCKER_1_10_PUSH(FixtureMediaTypes.DOCKER_MANIFEST, "application/octet-stream", null,
            FixtureMediaTypes.DOCKER_LAYER, null);

    /** The labels of the shapes that are images. */
    public static final Map<String, String> IMAGE_LABELS = Map.of("org.opencontainers.image.title", "still-an-image",
            "blaze.service.deployment.memory", "300");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String manifestType;
    private final String configType;
    private final String artifactType;
    private final String layerType;
    private final String reportedType;

    ManifestShape(String manifestType, String configType, String artifactType, String layerType, String reportedType) {
        this.manifestType = manifestType;
        this.configType = configType;
        this.artifactType = artifactType;
        this.layerType = layerType;
        this.reportedType = reportedType;
    }

    /** The manifest and the blobs it names (config first), all by digest. */
    public record Built(String manifestType, byte[] manifest, String digest, Map<String, byte[]> blobs) {
    }

    public String manifestType() {
        return manifestType;
    }

    /** True for the shapes that are images, whose labels are {@link #IMAGE_LABELS}. */
    public boolean isImage() {
        return reportedType == null;
    }

    /** For an artifact, the type a reader should name it by: its artifactType, else its config's type. */
    public String reportedType() {
        return reportedType;
    }

    public Built build() {
        byte[] layer = (name() + " content\n").getBytes(StandardCharsets.UTF_8);
        byte[] config = isImage()
                ? FixtureContent.config(FixturePlatform.LINUX_AMD64, IMAGE_LABELS, FixturePusher.sha256(layer))
                : switch (this) {
                    case HELM_CHART -> "{\"apiVersion\":\"v2\",\"name\":\"app\",\"version\":\"0.1.0\"}"
                            .getBytes(StandardCharsets.UTF_8);
                    default -> "{}".getBytes(StandardCharsets.UTF_8);
                };
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", manifestType);
        if (artifactType != null) {
            manifest.put("artifactType", artifactType);
        }
        manifest.set("config", descriptor(configType, config));
        manifest.putArray("layers").add(descriptor(layerType, layer));
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        blobs.put(FixturePusher.sha256(config), config);
        blobs.put(FixturePusher.sha256(layer), layer);
        return new Built(manifestType, bytes, FixturePusher.sha256(bytes), blobs);
    }

    /** Pushes the blobs, then the manifest as {@code repository:tag}; returns what was pushed. */
    public Built push(FixturePusher pusher, String repository, String tag) {
        Built built = build();
        built.blobs().values().forEach(blob -> pusher.pushBlob(repository, blob));
        pusher.pushManifest(repository, tag, manifestType, built.manifest());
        return built;
    }

    private static ObjectNode descriptor(String mediaType, byte[] content) {
        ObjectNode node = JSON.createObjectNode();
        node.put("mediaType", mediaType);
        node.put("digest", FixturePusher.sha256(content));
        node.put("size", content.length);
        return node;
    }
}
