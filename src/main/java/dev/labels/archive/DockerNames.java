package dev.labels.archive;

import dev.labels.reference.ImageReference;
import dev.labels.reference.InvalidReferenceException;

/**
 * Image names compared as Docker compares them: {@code alpine:3}, {@code docker.io/library/alpine:3} and
 * {@code index.docker.io/library/alpine:3} are one name; a name without a tag means {@code :latest}.
 */
final class DockerNames {

    private DockerNames() {
    }

    static boolean same(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    /** The canonical name, or the text unchanged when it is no valid reference (compared literally then). */
    static String normalize(String name) {
        try {
            return ImageReference.parse(name).toString();
        } catch (InvalidReferenceException e) {
            return name;
        }
    }
}
