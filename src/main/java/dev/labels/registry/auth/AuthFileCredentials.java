package dev.labels.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.labels.registry.config.JsonFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from a containers auth file (containers-auth.json(5): what podman, buildah and skopeo login
 * write), looked up the way containers/image does ({@code pkg/docker/config}, findCredentialsInFile):
 * <ol>
 *   <li>{@code credHelpers[host]}: that host's credential helper (helpers are keyed by host only);</li>
 *   <li>{@code auths}, whose keys may be {@code host}, {@code host/namespace} or
 *       {@code host/namespace/repo}: the most specific key that contains the repository wins, so
 *       {@code quay.io/team/app} beats {@code quay.io/team}, which beats {@code quay.io};</li>
 *   <li>failing those, a legacy key with a scheme ({@code https://quay.io/v1/}) that names the host.</li>
 * </ol>
 */
public final class AuthFileCredentials implements CredentialSource {
    private final Path file;
    private final Map<String, String> env;
    private JsonNode root;

    public AuthFileCredentials(Path file, Map<String, String> env) {
        this.file = file;
        this.env = Map.copyOf(env);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<Credentials> lookup(String registry, String repository) throws CredentialException {
        JsonNode config = root();
        String host = RegistryHosts.canonical(registry);
        for (Iterator<Map.Entry<String, JsonNode>> it = config.path("credHelpers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (RegistryHosts.canonical(entry.getKey()).equals(host) && !entry.getValue().asText("").isEmpty()) {
                CredentialHelper helper = new CredentialHelper(entry.getValue().asText(), env);
                return helper.get(DockerConfigCredentials.serverUrl(host),
                        helper.command() + " (credHelpers in " + file + ")");
            }
        }
        JsonNode auths = config.path("auths");
        for (String wanted : keysFor(host, repository)) {
            for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (normalize(key).equals(wanted)) {
                    return AuthEntries.decode(key, auths.get(key), file.toString());
                }
            }
        }
        return Optional.empty();
    }

    /** {@code host/a/b/c}, {@code host/a/b}, {@code host/a}, {@code host}: most specific first. */
    static List<String> keysFor(String host, String repository) {
        List<String> keys = new ArrayList<>();
        String path = repository == null ? "" : repository;
        while (!path.isEmpty()) {
            keys.add(host + "/" + path);
            int slash = path.lastIndexOf('/');
            path = slash < 0 ? "" : path.substring(0, slash);
        }
        keys.add(host);
        return keys;
    }

    /**
     * A key as {@code host[/path]} with the host canonical. A key with a scheme is a legacy URL key whose
     * path is an API path ({@code /v1/}), not a namespace: only its host counts.
     */
    static String normalize(String key) {
        String trimmed = key.strip();
        if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
            return RegistryHosts.canonical(trimmed);
        }
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            return RegistryHosts.canonical(trimmed);
        }
        String path = trimmed.substring(slash + 1);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String host = RegistryHosts.canonical(trimmed.substring(0, slash));
        return path.isEmpty() ? host : host + "/" + path;
    }

    private JsonNode root() throws CredentialException {
        if (root == null) {
            try {
                root = JsonFiles.readObject(file).orElseGet(JsonNodeFactory.instance::objectNode);
            } catch (JsonFiles.UnreadableException e) {
                throw new CredentialException(e.getMessage());
            }
        }
        return root;
    }
}
