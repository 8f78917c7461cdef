package dev.labels.archive;

import java.util.List;

/**
 * One image in docker save's {@code manifest.json} (an array of these). Names are paths inside the archive:
 * {@code <hex>.json} and {@code <id>/layer.tar} before Docker 25, {@code blobs/sha256/<hex>} since.
 *
 * @param config   the config file's path in the archive
 * @param repoTags the names the image was saved under, as Docker wrote them ({@code alpine:3}); may be empty
 * @param layers   the layer files, never read here
 * @see <a href="https://github.com/moby/moby/blob/master/image/spec/v1.2.md#combined-image-json--filesystem-changeset-format">Docker image spec v1.2: combined image JSON + filesystem changeset format</a>
 */
record DockerSaveEntry(String config, List<String> repoTags,
                       List<String> layers) {

    DockerSaveEntry {
        repoTags = repoTags == null ? List.of() : repoTags.stream().filter(t -> t != null && !t.isBlank()).toList();
        layers = layers == null ? List.of() : layers.stream().filter(l -> l != null).toList();
    }
}
