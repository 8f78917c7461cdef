package dev.labels.image;

import java.util.List;

/**
 * A legacy Docker image manifest, schema version 1 (still served by some old registries and
 * for images pushed long ago). It has no config blob: the config of the top layer is embedded
 * as JSON text in {@code history[0].v1Compatibility}; see {@link ImageConfig#fromSchema1}.
 *
 * @param mediaType        {@link MediaTypes#DOCKER_SCHEMA1_SIGNED} or {@link MediaTypes#DOCKER_SCHEMA1}
 * @param name             repository name as recorded in the manifest
 * @param tag              tag as recorded in the manifest
 * @param architecture     top-level architecture field
 * @param v1Compatibility  {@code history[i].v1Compatibility} strings in manifest order
 *                         (index 0 is the top layer); never null
 * @see <a href="https://github.com/distribution/distribution/blob/main/docs/content/spec/manifest-v2-1.md">manifest-v2-1.md</a>
 */
public record Schema1Manifest(String mediaType, String name, String tag, String architecture, List<String> v1Compatibility)
        implements Manifest {

    public Schema1Manifest {
        v1Compatibility = Copies.list(v1Compatibility);
    }
}
