package dev.labels.registry;

import dev.labels.registry.auth.RegistryHosts;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * Maps a registry name to the endpoint that serves it: a mirror when one is configured, Docker Hub's API host
 * for {@code docker.io}, else HTTPS on the registry's own host. Registries on loopback (and all of them with
 * {@code --insecure}) fall back to plain HTTP when HTTPS fails, as Docker does; the fallback is remembered
 * for the rest of the run.
 */
final class Endpoints {
    private final boolean insecure;
    private final Map<String, Mirror> mirrors;
    private final Map<String, Endpoint> resolved = new ConcurrentHashMap<>();

    Endpoints(RegistryConfig config) {
        this.insecure = config.insecure();
        this.mirrors = config.mirrors().stream()
                .collect(Collectors.toMap(Mirror::registry, Function.identity(), (first, second) -> first));
    }

    Endpoint resolve(String registry) {
        return resolved.computeIfAbsent(registry, this::initial);
    }

    /** Called after HTTPS failed on an endpoint that allows it: every later request uses plain HTTP. */
    Endpoint fallBackToPlainHttp(Endpoint failed) {
        Endpoint plain = failed.overPlainHttp();
        resolved.put(failed.registry(), plain);
        return plain;
    }

    private Endpoint initial(String registry) {
        Mirror mirror = mirrors.get(RegistryHosts.canonical(registry));
        if (mirror != null) {
            HttpUrl url = mirror.httpUrl();
            String authority = url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + url.port();
            return new Endpoint(registry, url, authority, false);
        }
        boolean dockerHub = RegistryHosts.canonical(registry).equals(RegistryHosts.DOCKER_HUB);
        String host = dockerHub ? RegistryHosts.DOCKER_HUB_API_HOST : registry;
        HttpUrl base = HttpUrl.get("https://" + host + "/");
        return new Endpoint(registry, base, registry, insecure || isLoopback(base.host()));
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
