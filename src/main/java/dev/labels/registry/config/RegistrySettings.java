package dev.labels.registry.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One registry's entry in the config file.
 *
 * @param mirrors  base URLs tried in order before the registry itself
 * @param insecure allow plain HTTP and unverified TLS for this registry only
 * @param ca       a PEM file of CA certificates trusted for this registry, or null
 */
public record RegistrySettings(List<String> mirrors, boolean insecure, Path ca) {
    public static final RegistrySettings NONE = new RegistrySettings(List.of(), false, null);

    public RegistrySettings {
        mirrors = List.copyOf(mirrors);
    }
}
