package dev.labels.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the bytes of fixture images: a tiny gzipped tar layer, image configs, manifests and indexes.
 *
 * <p>Everything is deterministic (fixed {@code created} time, gzip mtime 0, ordered maps), so a fixture has the
 * same digest on every run and a failing test can be reproduced by digest.
 */
final class FixtureContent {

    /** Fixed so that config digests do not change between runs. */
    static final String CREATED = "2024-05-01T12:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a blob is and what it is, as a manifest references it. */
    record Descriptor(String mediaType, String digest, long size) {
        static Descriptor of(String mediaType, byte[] content) {
            return new Descriptor(mediaType, FixturePusher.sha256(content), content.length);
        }
    }

    /** A layer blob and the digest of its uncompressed tar, which the config's rootfs.diff_ids lists. */
    record Layer(byte[] gzipped, String diffId) {
    }

    private FixtureContent() {
    }

    /** A gzipped tar holding one regular file. The registry never opens layers; this is for realism only. */
    static Layer layer(String fileName, String text) {
        byte[] tar = tarOfOneFile(fileName, text.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) { // the JDK writes mtime 0: deterministic
            gzip.write(tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Layer(gzipped.toByteArray(), FixturePusher.sha256(tar));
    }

    /**
     * An image config (Docker and OCI share the shape:
     * https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md). A null {@code labels} is written as
     * {@code "Labels": null}, which is what Docker writes for an image without labels.
     */
    static byte[] config(FixturePlatform platform, Map<String, String> labels, String diffId) {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", platform.architecture());
        config.put("os", platform.os());
        if (platform.variant() != null) {
            config.put("variant", platform.variant());
        }
        config.put("created", CREATED);
        ObjectNode runtime = config.putObject("config");
        runtime.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        runtime.putArray("Cmd").add("/bin/sh").add("-c").add("cat /hello.txt");
        runtime.put("WorkingDir", "/");
        if (labels == null) {
            runtime.putNull("Labels");
        } else {
            ObjectNode labelNode = runtime.putObject("Labels");
            labels.forEach(labelNode::put);
        }
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId);
        config.putArray("history").addObject().put("created", CREATED).put("created_by", "ADD hello.txt /");
        return bytes(config);
    }

    /** A Docker v2 schema 2 or OCI image manifest with one layer; {@code manifestType} picks which. */
    static byte[] imageManifest(String manifestType, Descriptor config, Descriptor layer, Map<String, String> layerAnnotations) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", manifestType);
        manifest.set("config", descriptor(config));
        ObjectNode layerNode = descriptor(layer);
        if (!layerAnnotations.isEmpty()) {
            ObjectNode annotations = layerNode.putObject("annotations");
            layerAnnotations.forEach(annotations::put);
        }
        manifest.putArray("layers").add(layerNode);
        return bytes(manifest);
    }

    /** An index entry: a manifest descriptor with its platform and, optionally, annotations. */
    static ObjectNode indexEntry(Descriptor manifest, FixturePlatform platform, Map<String, String> annotations) {
        ObjectNode entry = descriptor(manifest);
        ObjectNode platformNode = entry.putObject("platform");
        platformNode.put("architecture", platform.architecture());
        platformNode.put("os", platform.os());
        if (platform.variant() != null) {
            platformNode.put("variant", platform.variant());
        }
        if (!annotations.isEmpty()) {
            ObjectNode annotationNode = entry.putObject("annotations");
            annotations.forEach(annotationNode::put);
        }
        return entry;
    }

    /** A Docker manifest list or OCI index; {@code indexType} picks which. */
    static byte[] index(String indexType, List<ObjectNode> entries) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", indexType);
        ArrayNode manifests = index.putArray("manifests");
        entries.forEach(manifests::add);
        return bytes(index);
    }

    /** Any JSON document as compact UTF-8 bytes. */
    static byte[] bytes(Object json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode descriptor(Descriptor descriptor) {
        ObjectNode node = JSON.createObjectNode();
        node.put("mediaType", descriptor.mediaType());
        node.put("digest", descriptor.digest());
        node.put("size", descriptor.size());
        return node;
    }

    /** A POSIX ustar archive: one 512-byte header, the data padded to 512, then two zero blocks. */
    private static byte[] tarOfOneFile(String name, byte[] data) {
        byte[] header = new byte[512];
        putAscii(header, 0, name);
        putAscii(header, 100, "0000644\0");                            // mode
        putAscii(header, 108, "0000000\0");                            // uid
        putAscii(header, 116, "0000000\0");                            // gid
        putAscii(header, 124, String.format("%011o\0", data.length));  // size
        putAscii(header, 136, String.format("%011o\0", 1714564800L));  // mtime = CREATED
        putAscii(header, 148, "        ");                             // checksum counts as spaces
        header[156] = '0';                                             // regular file
        putAscii(header, 257, "ustar\0");
        putAscii(header, 263, "00");
        int checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        putAscii(header, 148, String.format("%06o\0 ", checksum));
        int padded = (data.length + 511) / 512 * 512;
        byte[] tar = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, tar, 0, 512);
        System.arraycopy(data, 0, tar, 512, data.length);
        return tar;
    }

    private static void putAscii(byte[] target, int offset, String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, target, offset, ascii.length);
    }
}
