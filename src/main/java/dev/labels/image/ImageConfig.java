package dev.labels.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The image configuration blob (the part of an image that carries its labels), reduced to
 * what this tool shows. History, rootfs and the like are ignored.
 *
 * @param created      RFC 3339 timestamp as written, may be null
 * @param os           e.g. {@code linux}
 * @param architecture e.g. {@code amd64}
 * @param variant      e.g. {@code v8}, usually null
 * @param config       never null: an absent or null {@code config} object becomes {@link ContainerConfig#EMPTY}
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/config.md">config.md</a>
 */
public record ImageConfig(String created, String os, String architecture, String variant, ContainerConfig config) {

    public ImageConfig {
        if (config == null) {
            config = ContainerConfig.EMPTY;
        }
    }

    /**
     * The image's labels in declaration order; never null. An absent/null {@code config} or
     * {@code Labels} gives an empty map; a label whose JSON value is {@code null} reads as "".
     * Keys are matched and repeated keys merged as Docker and skopeo read them (see
     * {@link dev.labels.json.JsonFields}): {@code "labels"} is {@code "Labels"}, and of
     * {@code {"Labels": {"a": "no"}, "labels": {"a": "yes"}}} the last value wins.
     */
    public Map<String, String> labels() {
        return config.labels();
    }

    /** The platform the config declares, e.g. {@code linux/arm64/v8}. */
    public Platform platform() {
        return new Platform(os, architecture, variant);
    }

    /** Parses a config blob ({@link MediaTypes#OCI_CONFIG} or {@link MediaTypes#DOCKER_CONFIG}). */
    public static ImageConfig parse(byte[] json) throws MalformedImageException {
        return bind(ImageJson.readObject(json, "image config"), "image config");
    }

    /**
     * Recovers the config from a schema 1 manifest. Schema 1 has no config blob; instead
     * {@code history[0].v1Compatibility} is the top layer's legacy image JSON, with
     * {@code os}, {@code architecture} and {@code created} at top level and the container
     * config (including {@code Labels}) under {@code config}. The manifest's own
     * {@code architecture} fills in when the layer JSON lacks one.
     *
     * @see <a href="https://github.com/distribution/distribution/blob/main/docs/content/spec/manifest-v2-1.md">manifest-v2-1.md: history</a>
     */
    public static ImageConfig fromSchema1(Schema1Manifest manifest) throws MalformedImageException {
        if (manifest.v1Compatibility().isEmpty()) {
            throw new MalformedImageException("schema 1 manifest has no history, so no config");
        }
        byte[] top = manifest.v1Compatibility().get(0).getBytes(StandardCharsets.UTF_8);
        ImageConfig config = bind(ImageJson.readObject(top, "schema 1 v1Compatibility"), "schema 1 v1Compatibility");
        if (config.architecture() == null && manifest.architecture() != null) {
            return new ImageConfig(config.created(), config.os(), manifest.architecture(), config.variant(), config.config());
        }
        return config;
    }

    private static ImageConfig bind(JsonNode root, String what) throws MalformedImageException {
        return ImageJson.bind(() -> ModelBinding.imageConfig(root), what);
    }
}
