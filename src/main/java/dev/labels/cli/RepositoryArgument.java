package dev.labels.cli;

import dev.labels.reference.ImageReference;
import dev.labels.reference.InvalidReferenceException;

/** A REPO argument ({@code tags}, {@code list}): an image reference without tag or digest. */
final class RepositoryArgument {
    private RepositoryArgument() {
    }

    static ImageReference parse(String text) throws InvalidReferenceException, UsageException {
        String lastComponent = text.substring(text.lastIndexOf('/') + 1);
        if (text.contains("@") || lastComponent.contains(":")) {
            throw new UsageException("\"" + text + "\" names an image, not a repository: leave out the tag or digest");
        }
        return ImageReference.parse(text);
    }
}
