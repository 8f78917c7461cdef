package dev.labels.reference;

/**
 * Splits reference text into name, tag and digest and runs each part's checks in reading order,
 * so the first problem from the left is the one reported.
 *
 * <p>The split follows distribution/reference {@code regexp.go}:
 * {@code reference := name [ ":" tag ] [ "@" digest ]}. The digest starts at the first
 * {@code @} (a name or tag never contains one); the tag starts at the last {@code :} after the
 * last {@code /}, because a {@code :} before a {@code /} can only be a registry port
 * ({@code host:5000/x}) or part of an IPv6 literal ({@code [::1]/x}).
 */
final class ReferenceParser {

    private ReferenceParser() {
    }

    static ImageReference parse(String input) throws InvalidReferenceException {
        TextChecks.check(input);

        String name = input;
        String digest = null;
        int at = input.indexOf('@');
        if (at >= 0) {
            digest = input.substring(at + 1);
            name = input.substring(0, at);
            if (digest.indexOf('@') >= 0) {
                throw new InvalidReferenceException(input, "reference contains more than one '@'");
            }
            if (digest.isEmpty()) {
                throw new InvalidReferenceException(input, "missing digest after '@'");
            }
        }

        String tag = null;
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
            if (tag.isEmpty()) {
                throw new InvalidReferenceException(input, "missing tag after ':'");
            }
        }
        if (name.isEmpty()) {
            throw new InvalidReferenceException(input, "missing repository name");
        }

        Registries.Split split = Registries.split(input, name);
        String repository = Repositories.normalize(input, split.registry(), split.path());
        if (tag != null) {
            Tags.check(input, tag);
        }
        if (digest != null) {
            String problem = DigestGrammar.problem(digest);
            if (problem != null) {
                throw new InvalidReferenceException(input, problem);
            }
        }
        if (tag == null && digest == null) {
            tag = ImageReference.DEFAULT_TAG;
        }
        return new ImageReference(split.registry(), repository, tag, digest);
    }
}
