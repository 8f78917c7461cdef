package dev.labels.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.labels.image.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a blob is stored and read back with: its content and, where one is given, its media type. */
class DiskCacheTest {
    private static final byte[] CONTENT = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
    private static final String DIGEST = Digests.sha256(CONTENT);

    @TempDir
    Path temp;

    private final List<String> warnings = new ArrayList<>();

    private DiskCache cache() {
        return new DiskCache(temp.resolve("cache"), warnings::add);
    }

    @Test
    void aBlobIsReadBackWithTheTypeItWasStoredWith() {
        cache().put(DIGEST, CONTENT, "application/vnd.oci.image.manifest.v1+json");

        CachedContent read = cache().get(DIGEST).orElseThrow();

        assertArrayEquals(CONTENT, read.content());
        assertEquals("application/vnd.oci.image.manifest.v1+json", read.mediaType());
        assertEquals(List.of(), warnings);
    }

    /** The same content stored again without a type (its content says it) reads back without the earlier one. */
    @Test
    void storedAgainWithoutATypeABlobLosesTheTypeItWasStoredWithBefore() {
        cache().put(DIGEST, CONTENT, "application/vnd.docker.distribution.manifest.v2+json");

        cache().put(DIGEST, CONTENT, null);

        CachedContent read = cache().get(DIGEST).orElseThrow();
        assertArrayEquals(CONTENT, read.content());
        assertNull(read.mediaType());
    }
}
