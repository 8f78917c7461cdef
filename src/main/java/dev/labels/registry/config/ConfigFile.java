package dev.labels.registry.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * The user's {@code labels} config file, {@code $XDG_CONFIG_HOME/labels/config.json} (default
 * {@code ~/.config/labels/config.json}) or {@code --config FILE}:
 * <pre>
 * {"registries": {
 *   "docker.io":        {"mirrors": ["https://mirror.example.com", "http://10.0.0.5:5000"]},
 *   "registry.corp:5000": {"ca": "/etc/pki/corp-ca.pem"},
 *   "localhost:5001":   {"insecure": true}}}
 * </pre>
 * Registry names are written as in image references; the registry package folds them like references
 * ({@code index.docker.io} is {@code docker.io}). A relative {@code ca} path is relative to the config file's folder. Unknown keys are
 * errors, not silently ignored: a misspelt "mirror" would otherwise leave the user wondering why it has no effect.
 */
public final class ConfigFile {
    private static final Set<String> TOP_LEVEL = Set.of("registries");
    private static final Set<String> REGISTRY_KEYS = Set.of("mirrors", "insecure", "ca");

    private ConfigFile() {
    }

    /** Where the config file is when {@code --config} is not given. */
    public static Path defaultPath(Map<String, String> env, String userHome) {
        return UserPaths.configHome(env, userHome).resolve("labels/config.json");
    }

    /**
     * @param explicit {@code --config FILE}, which must exist; or null for the default path, which may not
     * @return the settings per registry name, as written in the file
     */
    public static Map<String, RegistrySettings> load(Path explicit, Map<String, String> env, String userHome)
            throws ConfigFileException {
        Path file = explicit != null ? explicit : defaultPath(env, userHome);
        if (explicit != null && !Files.exists(explicit)) {
            throw new ConfigFileException("config file " + explicit + " does not exist");
        }
        return read(file);
    }

    /** The settings in {@code file}; none when it does not exist. */
    public static Map<String, RegistrySettings> read(Path file) throws ConfigFileException {
        Optional<JsonNode> root;
        try {
            root = JsonFiles.readObject(file);
        } catch (JsonFiles.UnreadableException e) {
            throw new ConfigFileException("config file: " + e.getMessage());
        }
        if (root.isEmpty()) {
            return Map.of();
        }
        checkKeys(file, root.get(), TOP_LEVEL, "");
        JsonNode registries = root.get().path("registries");
        if (registries.isMissingNode()) {
            return Map.of();
        }
        if (!registries.isObject()) {
            throw problem(file, "\"registries\" must be an object of registry names");
        }
        Map<String, RegistrySettings> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = registries.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey().strip();
            if (name.isEmpty()) {
                throw problem(file, "registries: a registry name is empty");
            }
            settings.put(name, registry(file, "registries." + entry.getKey(), entry.getValue()));
        }
        return Map.copyOf(settings);
    }

    private static RegistrySettings registry(Path file, String where, JsonNode entry) throws ConfigFileException {
        if (!entry.isObject()) {
            throw problem(file, where + " must be an object");
        }
        checkKeys(file, entry, REGISTRY_KEYS, where + ".");
        List<String> mirrors = new ArrayList<>();
        JsonNode list = entry.path("mirrors");
        if (!list.isMissingNode()) {
            if (!list.isArray()) {
                throw problem(file, where + ".mirrors must be an array of URLs");
            }
            for (int i = 0; i < list.size(); i++) {
                String url = list.get(i).isTextual() ? list.get(i).asText() : null;
                if (url == null || HttpUrl.parse(url) == null) {
                    throw problem(file, where + ".mirrors[" + i + "] is not an http:// or https:// URL");
                }
                mirrors.add(url);
            }
        }
        JsonNode insecure = entry.path("insecure");
        if (!insecure.isMissingNode() && !insecure.isBoolean()) {
            throw problem(file, where + ".insecure must be true or false");
        }
        JsonNode ca = entry.path("ca");
        Path caFile = null;
        if (!ca.isMissingNode()) {
            if (!ca.isTextual() || ca.asText().isBlank()) {
                throw problem(file, where + ".ca must be the path of a PEM file");
            }
            Path folder = file.toAbsolutePath().getParent();
            caFile = folder == null ? Path.of(ca.asText()) : folder.resolve(ca.asText());
        }
        return new RegistrySettings(mirrors, insecure.asBoolean(false), caFile);
    }

    private static void checkKeys(Path file, JsonNode node, Set<String> allowed, String prefix)
            throws ConfigFileException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw problem(file, "unknown key \"" + prefix + key + "\" (expected one of "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static ConfigFileException problem(Path file, String detail) {
        return new ConfigFileException("config file " + file + ": " + detail);
    }
}
