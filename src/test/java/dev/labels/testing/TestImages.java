package dev.labels.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small, real-shaped manifests and configs for the fake registry tests. */
public final class TestImages {
    public static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestImages() {
    }

    public static byte[] config(String os, String arch, Map<String, String> labels) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", arch);
        config.put("os", os);
        config.put("config", Map.of("Labels", labels, "Env", List.of("PATH=/usr/bin")));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", List.of()));
        return json(config);
    }

    public static byte[] manifest(String mediaType, String configMediaType, byte[] config) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", mediaType);
        manifest.put("config", Map.of("mediaType", configMediaType, "digest", sha256(config), "size", config.length));
        manifest.put("layers", List.of());
        return json(manifest);
    }

    public static Map<String, Object> entry(String mediaType, byte[] manifest, String os, String arch) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("mediaType", mediaType);
        entry.put("digest", sha256(manifest));
        entry.put("size", manifest.length);
        entry.put("platform", Map.of("os", os, "architecture", arch));
        return entry;
    }

    public static byte[] index(List<Map<String, Object>> entries) {
        return json(Map.of("schemaVersion", 2, "mediaType", OCI_INDEX, "manifests", entries));
    }

    public static byte[] json(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
