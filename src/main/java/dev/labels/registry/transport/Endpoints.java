package dev.labels.registry.transport;

import dev.labels.registry.auth.RegistryHosts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * Maps a registry name to the endpoints that serve it, in the order to try them: the {@code --mirror}s, then
 * the config file's mirrors, then the registry itself (Docker Hub's API host for {@code docker.io}, else HTTPS
 * on the registry's own host). A mirror on the registry's own host and port replaces it: that is how a user
 * says "this registry speaks plain HTTP" ({@code --mirror localhost:5000=http://localhost:5000}).
 *
 * <p>Registries with {@code --insecure}, or {@code "insecure": true} in the config file, fall back to plain HTTP
 * when HTTPS fails, as Docker does. Registries on loopback are tried over plain HTTP first, as crane and
 * containerd do, and over HTTPS when they turn out to speak TLS ({@link SchemeProbe}). What a registry was found
 * to speak is remembered for the rest of the run, and so is a mirror that could not be reached at all: later
 * requests skip it rather than wait for it again.
 */
public final class Endpoints {
    private final RegistryConfig config;
    private final Map<String, List<Endpoint>> candidates = new ConcurrentHashMap<>();
    /** Endpoints whose scheme this run has settled, by their first base URL. */
    private final Map<HttpUrl, Endpoint> settled = new ConcurrentHashMap<>();
    private final Set<HttpUrl> unreachable = ConcurrentHashMap.newKeySet();
    private final Map<HttpUrl, java.util.concurrent.locks.Lock> probeLocks = new ConcurrentHashMap<>();

    /** A loopback registry found to speak plain HTTP is noted for a day, sparing later runs the probe. */
    static final java.time.Duration PLAIN_HTTP_NOTE_LIFETIME = java.time.Duration.ofHours(24);
    private static final String PLAIN_HTTP = "plain-http";

    private final dev.labels.cache.Notes notes;

    Endpoints(RegistryConfig config) {
        this(config, dev.labels.cache.Notes.NONE);
    }

    Endpoints(RegistryConfig config, dev.labels.cache.Notes notes) {
        this.config = config;
        this.notes = notes;
    }

    /** The endpoints to try for a registry, best first; never empty, and the last one is never skipped. */
    public List<Endpoint> resolve(String registry) {
        List<Endpoint> all = candidates.computeIfAbsent(registry, this::initial);
        List<Endpoint> usable = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Endpoint endpoint = all.get(i);
            if (i == all.size() - 1 || !unreachable.contains(endpoint.base())) {
                usable.add(settled.computeIfAbsent(endpoint.base(), base -> noted(endpoint)));
            }
        }
        return usable;
    }

    /** The endpoint as it stands now: the scheme another request has settled meanwhile, if any. */
    Endpoint current(Endpoint endpoint) {
        return settled.getOrDefault(endpoint.base(), endpoint);
    }

    /**
     * Called after HTTPS failed on an endpoint that allows plain HTTP, or when a loopback registry answered
     * plain HTTP: every later request uses plain HTTP.
     */
    Endpoint fallBackToPlainHttp(Endpoint failed) {
        Endpoint plain = failed.overPlainHttp();
        settled.put(failed.base(), plain);
        return plain;
    }

    /**
     * Called when a registry answered over plain HTTP after HTTPS failed or was not tried: later runs start
     * there. Only after a real answer, so that a wrong guess is not kept.
     */
    void notePlainHttp(Endpoint original) {
        if (!original.plainHttpFirst()) {
            return; // never read: see noted()
        }
        notes.put(PLAIN_HTTP, original.base().toString(), Long.toString(java.time.Instant.now().getEpochSecond()), false);
    }

    /** One request at a time asks a loopback registry whose scheme is not settled; see SchemeSettler. */
    java.util.concurrent.locks.Lock probeLock(Endpoint original) {
        return probeLocks.computeIfAbsent(original.base(), base -> new java.util.concurrent.locks.ReentrantLock());
    }

    /** Called when a loopback registry refused plain HTTP: later requests go straight to HTTPS. */
    Endpoint settleOnTls(Endpoint probed) {
        Endpoint tls = probed.overTls();
        settled.put(probed.base(), tls);
        return tls;
    }

    /**
     * The endpoint, or its plain-HTTP form when an earlier run found that is what it speaks. Only where this run
     * asks plain HTTP first anyway, at the same address (a loopback registry on its own port), so that the note
     * spares the probe and nothing else: an {@code --insecure} registry is asked over HTTPS first by every run, as
     * one failed TLS attempt must not turn into a day of plain HTTP, and a loopback registry on HTTPS's 443 is
     * never sent to port 80, where another server may answer.
     */
    private Endpoint noted(Endpoint endpoint) {
        if (!endpoint.plainHttpFirst()) {
            return endpoint;
        }
        long at = notes.get(PLAIN_HTTP, endpoint.base().toString()).map(text -> {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
        long now = java.time.Instant.now().getEpochSecond();
        return at > 0 && at <= now && now - at < PLAIN_HTTP_NOTE_LIFETIME.toSeconds() ? endpoint.overPlainHttp() : endpoint;
    }

    /** Called when a mirror could not be reached: later requests go straight to the next endpoint. */
    void markUnreachable(Endpoint mirror) {
        unreachable.add(mirror.base());
    }

    private List<Endpoint> initial(String registry) {
        String name = RegistryHosts.canonical(registry);
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (Mirror mirror : config.mirrors()) {
            if (mirror.registry().equals(name)) {
                add(endpoints, mirror(registry, mirror.httpUrl()));
            }
        }
        for (String url : config.settingsFor(name).mirrors()) {
            add(endpoints, mirror(registry, HttpUrl.get(url)));
        }
        Endpoint upstream = upstream(registry, name);
        boolean replaced = endpoints.values().stream().anyMatch(m ->
                m.base().host().equals(upstream.base().host()) && m.base().port() == upstream.base().port());
        if (!replaced) {
            add(endpoints, upstream);
        }
        return List.copyOf(endpoints.values());
    }

    private static void add(Map<String, Endpoint> endpoints, Endpoint endpoint) {
        endpoints.putIfAbsent(endpoint.base().toString(), endpoint);
    }

    private Endpoint mirror(String registry, HttpUrl url) {
        String authority = url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + url.port();
        boolean insecure = config.insecure() || config.settingsFor(authority).insecure();
        // The URL's scheme is explicit: an https mirror that fails TLS is a failed mirror, not an http one.
        return new Endpoint(registry, url, authority, false, true, false, insecure);
    }

    private Endpoint upstream(String registry, String name) {
        boolean dockerHub = name.equals(RegistryHosts.DOCKER_HUB);
        String host = dockerHub ? RegistryHosts.DOCKER_HUB_API_HOST : registry;
        HttpUrl base = HttpUrl.get("https://" + host + "/");
        boolean insecure = config.insecure() || config.settingsFor(name).insecure();
        boolean loopback = Loopback.isLoopbackHost(base.host());
        // Without a port the registry is HTTPS's 443, and its plain-HTTP form would be another port (80),
        // where another server may answer: such a registry is asked over HTTPS first, as containerd does.
        boolean plainHttpFirst = loopback && base.port() != HttpUrl.defaultPort("https");
        return new Endpoint(registry, base, registry, insecure || loopback, false, plainHttpFirst, insecure);
    }

}
