package dev.labels.reference;

import java.util.regex.Pattern;

/**
 * Decides whether a name starts with a registry host and normalizes Docker Hub's names for itself
 * (distribution/reference normalize.go, splitDockerDomain).
 */
final class Registries {

    /** Docker Hub's legacy "index" host; normalize.go canonicalizes it to docker.io. */
    static final String LEGACY_DEFAULT_REGISTRY = "index.docker.io";

    /** Special-cased host: a registry even though it has neither "." nor ":" (regexp.go: localhost). */
    static final String LOCALHOST = "localhost";

    /**
     * regexp.go domainAndPort: a DNS-like host name (components of letters, digits and inner
     * dashes, separated by dots; covers IPv4) or a bracketed IPv6 literal, then an optional
     * {@code :port}. Upper case is allowed: host names are case-insensitive, and the host is kept
     * as given. Unlike regexp.go we require a ":" inside the brackets, so {@code [ab]} is not
     * mistaken for an IPv6 address.
     */
    private static final Pattern HOST_AND_PORT;

    static {
        String domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
        String domainName = domainComponent + "(?:\\." + domainComponent + ")*";
        String ipv6 = "\\[(?=[a-fA-F0-9]*:)[a-fA-F0-9:]+\\]";
        HOST_AND_PORT = Pattern.compile("(?:" + domainName + "|" + ipv6 + ")(?::[0-9]+)?");
    }

    /** A name cut into its registry (already normalized) and the repository path as given. */
    record Split(String registry, String path) {
    }

    private Registries() {
    }

    /**
     * Cuts {@code name} (the reference without tag and digest) into registry and path. The first
     * {@code /}-separated component is a registry when it contains "." or ":", is "localhost", or
     * is a bracketed IPv6 literal; otherwise the whole name is a Docker Hub path.
     */
    static Split split(String input, String name) throws InvalidReferenceException {
        int slash = name.indexOf('/');
        if (slash < 0) {
            // A single component ("alpine", even "localhost" or "example.com") is always a
            // Docker Hub repository, as in normalize.go's fast path for familiar names.
            return new Split(ImageReference.DEFAULT_REGISTRY, name);
        }
        String first = name.substring(0, slash);
        if (!looksLikeRegistry(first)) {
            return new Split(ImageReference.DEFAULT_REGISTRY, name);
        }
        if (!HOST_AND_PORT.matcher(first).matches()) {
            throw new InvalidReferenceException(input, "invalid registry host \"" + first
                    + "\": expected a host name, IPv4 address or [IPv6] address, optionally with :port");
        }
        checkPort(input, first);
        return new Split(normalize(first), name.substring(slash + 1));
    }

    /** The pattern allows any digits after ":"; a port outside 1-65535 cannot be connected to. */
    private static void checkPort(String input, String hostAndPort) throws InvalidReferenceException {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 0 || colon < hostAndPort.lastIndexOf(']')) {
            return;
        }
        String digits = hostAndPort.substring(colon + 1);
        boolean valid = digits.length() <= 5 && Integer.parseInt(digits) >= 1 && Integer.parseInt(digits) <= 65535;
        if (!valid) {
            throw new InvalidReferenceException(input, "invalid registry port \"" + digits
                    + "\" in \"" + hostAndPort + "\": expected 1-65535");
        }
    }

    static boolean looksLikeRegistry(String component) {
        return component.indexOf('.') >= 0
                || component.indexOf(':') >= 0
                || component.equals(LOCALHOST)
                || component.startsWith("[");
    }

    /** index.docker.io and docker.io are the same registry; exact match, as normalize.go does. */
    private static String normalize(String registry) {
        return registry.equals(LEGACY_DEFAULT_REGISTRY) ? ImageReference.DEFAULT_REGISTRY : registry;
    }
}
