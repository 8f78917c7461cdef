package dev.labels.registry.transport;

import dev.labels.registry.auth.CredentialSource;
import dev.labels.registry.auth.RegistryHosts;
import dev.labels.registry.config.RegistrySettings;
import dev.labels.registry.proxy.ProxySettings;
import dev.labels.registry.tls.TlsFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to reach registries, as the user asked on the command line, in the config file and in the environment.
 *
 * @param insecure    allow plain HTTP and unverified TLS for every registry ({@code --insecure})
 * @param mirrors     {@code --mirror}: endpoints tried before a registry, before the config file's mirrors
 * @param credentials where to find credentials when a registry asks for them
 * @param verbose     log every HTTP request (method, URL, status, time) to stderr, without secrets
 * @param registries  per-registry settings from the config file, by registry name (folded like references:
 *                    {@code index.docker.io} is {@code docker.io}; entries that fold together are merged)
 * @param tls         CA and client certificate files
 * @param proxies     the proxies of the environment ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY})
 */
public record RegistryConfig(boolean insecure, List<Mirror> mirrors, CredentialSource credentials, boolean verbose,
                             Map<String, RegistrySettings> registries, TlsFiles tls, ProxySettings proxies) {

    public RegistryConfig {
        mirrors = List.copyOf(mirrors);
        registries = canonical(registries);
        tls = tls == null ? TlsFiles.DEFAULT : tls;
        proxies = proxies == null ? ProxySettings.NONE : proxies;
    }

    /** For tests: no config file, no proxies, Docker's certs.d only (the CLI always passes all seven). */
    public RegistryConfig(boolean insecure, List<Mirror> mirrors, CredentialSource credentials, boolean verbose) {
        this(insecure, mirrors, credentials, verbose, Map.of(), TlsFiles.DEFAULT, ProxySettings.NONE);
    }

    /** The config file's settings for a registry (or mirror host), or none. */
    public RegistrySettings settingsFor(String registry) {
        return registries.getOrDefault(RegistryHosts.canonical(registry), RegistrySettings.NONE);
    }

    private static Map<String, RegistrySettings> canonical(Map<String, RegistrySettings> registries) {
        Map<String, RegistrySettings> out = new LinkedHashMap<>();
        registries.forEach((name, settings) -> out.merge(RegistryHosts.canonical(name), settings, RegistryConfig::merge));
        return Map.copyOf(out);
    }

    private static RegistrySettings merge(RegistrySettings first, RegistrySettings second) {
        List<String> mirrors = new ArrayList<>(first.mirrors());
        mirrors.addAll(second.mirrors());
        Path ca = first.ca() != null ? first.ca() : second.ca();
        return new RegistrySettings(mirrors, first.insecure() || second.insecure(), ca);
    }
}
