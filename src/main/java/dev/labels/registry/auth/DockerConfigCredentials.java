package dev.labels.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.labels.registry.config.JsonFiles;
import dev.labels.registry.config.UserPaths;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from Docker's {@code config.json} ({@code $DOCKER_CONFIG/config.json}, default
 * {@code ~/.docker/config.json}), looked up the way the docker CLI does:
 * <ol>
 *   <li>{@code credHelpers[host]}: that host's credential helper;</li>
 *   <li>else {@code credsStore}: the helper for every host (its "not found" means anonymous: Docker ignores
 *       the placeholder {@code auths} entries it leaves behind);</li>
 *   <li>else {@code auths[host]}, see {@link AuthEntries}.</li>
 * </ol>
 * Keys are matched by host ({@link RegistryHosts#canonical}): a legacy key with a scheme or a path
 * ({@code https://index.docker.io/v1/}, {@code https://registry.example.com/v2/}) serves its host, and Docker
 * Hub's names are one registry. The file is read once, on the first lookup: a run that needs no credentials
 * never reads it.
 */
public final class DockerConfigCredentials implements CredentialSource {
    /** What {@code docker login} stores Docker Hub's credentials under, and asks helpers for. */
    static final String DOCKER_HUB_SERVER_URL = "https://index.docker.io/v1/";

    private final Path file;
    private final Map<String, String> env;
    private JsonNode root;

    /**
     * @param env the environment credential helpers are found (PATH) and run with
     */
    public DockerConfigCredentials(Path file, Map<String, String> env) {
        this.file = file;
        this.env = Map.copyOf(env);
    }

    /** The config file Docker itself would read, given the environment and the user's home folder. */
    public static DockerConfigCredentials fromEnvironment(Map<String, String> env, String userHome) {
        Path folder = UserPaths.variable(env, "DOCKER_CONFIG").map(Path::of).orElse(Path.of(userHome, ".docker"));
        return new DockerConfigCredentials(folder.resolve("config.json"), env);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<Credentials> lookup(String registry, String repository) throws CredentialException {
        JsonNode config = root();
        String host = RegistryHosts.canonical(registry);
        HelperEntry helper = helperFor(config, host);
        if (helper != null) {
            CredentialHelper command = new CredentialHelper(helper.name(), env);
            return command.get(serverUrl(host), command.command() + " (" + helper.section() + " in " + file + ")");
        }
        JsonNode auths = config.path("auths");
        String key = matchingKey(auths, host);
        return key == null ? Optional.empty() : AuthEntries.decode(key, auths.get(key), file.toString());
    }

    /** How {@code docker login} named the server when it stored the credentials in a helper. */
    static String serverUrl(String host) {
        return host.equals(RegistryHosts.DOCKER_HUB) ? DOCKER_HUB_SERVER_URL : host;
    }

    /** A helper to ask, and the config.json section that named it (for messages). */
    private record HelperEntry(String name, String section) {
    }

    private static HelperEntry helperFor(JsonNode config, String host) {
        JsonNode helpers = config.path("credHelpers");
        for (Iterator<Map.Entry<String, JsonNode>> it = helpers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (RegistryHosts.canonical(entry.getKey()).equals(host) && !entry.getValue().asText("").isEmpty()) {
                return new HelperEntry(entry.getValue().asText(), "credHelpers");
            }
        }
        String store = config.path("credsStore").asText("");
        return store.isEmpty() ? null : new HelperEntry(store, "credsStore");
    }

    /**
     * The {@code auths} key for a host. When several keys name it (Docker Hub under {@code docker.io} and
     * {@code https://index.docker.io/v1/}), the one docker login writes wins, else the first in the file.
     */
    private static String matchingKey(JsonNode auths, String host) {
        String preferred = serverUrl(host);
        String first = null;
        for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!RegistryHosts.canonical(key).equals(host)) {
                continue;
            }
            if (key.equals(preferred)) {
                return key;
            }
            first = first == null ? key : first;
        }
        return first;
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
