package dev.labels.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from Docker's {@code config.json} ({@code $DOCKER_CONFIG/config.json}, default
 * {@code ~/.docker/config.json}): the {@code auths} section that {@code docker login} writes.
 *
 * <p>An entry has either {@code auth} (base64 of {@code user:password}) or {@code username} and
 * {@code password}. Keys are matched by host, so the legacy {@code https://index.docker.io/v1/} key serves
 * {@code docker.io}. The file is read once, on the first lookup: a run that needs no credentials never reads it.
 */
public final class DockerConfigCredentials implements CredentialSource {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private JsonNode auths;

    public DockerConfigCredentials(Path file) {
        this.file = file;
    }

    /** The config file Docker itself would read, given the environment and the user's home folder. */
    public static DockerConfigCredentials fromEnvironment(Map<String, String> env, String userHome) {
        String dir = env.get("DOCKER_CONFIG");
        Path folder = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(userHome, ".docker");
        return new DockerConfigCredentials(folder.resolve("config.json"));
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<Credentials> lookup(String registry) throws CredentialException {
        JsonNode entries = auths();
        String wanted = RegistryHosts.canonical(registry);
        for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (RegistryHosts.canonical(entry.getKey()).equals(wanted)) {
                return decode(entry.getKey(), entry.getValue());
            }
        }
        return Optional.empty();
    }

    private JsonNode auths() throws CredentialException {
        if (auths == null) {
            auths = readAuths();
        }
        return auths;
    }

    private JsonNode readAuths() throws CredentialException {
        if (!Files.isRegularFile(file)) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            JsonNode section = root == null ? null : root.get("auths");
            return section != null && section.isObject() ? section : MAPPER.createObjectNode();
        } catch (IOException e) {
            // Jackson's message may quote file content, which may be a secret: keep only its location.
            throw new CredentialException("cannot read " + file + ": not valid JSON");
        }
    }

    private Optional<Credentials> decode(String key, JsonNode entry) throws CredentialException {
        String source = file.toString();
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CredentialException("cannot read " + source + ": \"auth\" of " + key + " is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new CredentialException("cannot read " + source + ": \"auth\" of " + key
                        + " is not base64 of user:password");
            }
            return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1), source));
        }
        String username = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        if (!username.isEmpty() && !password.isEmpty()) {
            return Optional.of(new Credentials(username, password, source));
        }
        return Optional.empty();
    }
}
