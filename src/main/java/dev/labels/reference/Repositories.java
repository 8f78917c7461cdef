package dev.labels.reference;

import java.util.regex.Pattern;

/**
 * Validates a repository path and adds Docker Hub's {@code library/} namespace where Docker does.
 */
final class Repositories {

    /** reference.go NameTotalLengthMax: registry + "/" + repository, after normalization. */
    static final int MAX_NAME_LENGTH = 255;

    /**
     * regexp.go pathComponent: lowercase letters and digits, separated by one period, one or two
     * underscores, or any number of dashes; it starts and ends with a letter or digit.
     */
    private static final Pattern PATH_COMPONENT =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*");

    private Repositories() {
    }

    /**
     * Returns the normalized repository for {@code path} on {@code registry}.
     * Checks run cheapest and most specific first; the length check runs before any regular
     * expression, so those only ever see at most {@value #MAX_NAME_LENGTH} characters.
     */
    static String normalize(String input, String registry, String path) throws InvalidReferenceException {
        if (path.isEmpty()) {
            throw new InvalidReferenceException(input, "missing repository name");
        }
        String[] components = path.split("/", -1);
        for (String component : components) {
            if (component.isEmpty()) {
                throw new InvalidReferenceException(input, "repository path contains an empty component");
            }
        }
        // normalize.go: "docker.io/ubuntu" => "docker.io/library/ubuntu", on Docker Hub only.
        String repository = registry.equals(ImageReference.DEFAULT_REGISTRY) && components.length == 1
                ? ImageReference.OFFICIAL_NAMESPACE + "/" + path
                : path;
        int nameLength = registry.length() + 1 + repository.length();
        if (nameLength > MAX_NAME_LENGTH) {
            throw new InvalidReferenceException(input, "repository name is longer than " + MAX_NAME_LENGTH
                    + " characters (" + nameLength + " including the registry)");
        }
        if (containsUppercase(path)) {
            throw new InvalidReferenceException(input, "repository name must be lowercase");
        }
        for (String component : components) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw new InvalidReferenceException(input, "invalid repository path component \""
                        + component + "\": use lowercase letters and digits, separated by '.', '_', '__'"
                        + " or dashes, starting and ending with a letter or digit");
            }
        }
        return repository;
    }

    private static boolean containsUppercase(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isUpperCase(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
