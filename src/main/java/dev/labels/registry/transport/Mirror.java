package dev.labels.registry.transport;

import dev.labels.text.UrlRedaction;
import okhttp3.HttpUrl;

/**
 * {@code --mirror docker.io=https://mirror.example.com}: requests for a registry go to another endpoint,
 * with the repository path unchanged ({@code library/} included), as Docker's registry-mirrors do.
 *
 * @param registry the registry name as written in references ({@code docker.io}, {@code ghcr.io})
 * @param url      the mirror's base URL; its scheme is explicit, so plain http is allowed for it
 */
public record Mirror(String registry, String url) {

    /** Parses {@code REGISTRY=URL}; throws IllegalArgumentException with a message saying what is wrong. */
    public static Mirror parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("expected REGISTRY=URL, e.g. docker.io=https://mirror.example.com, got \""
                    + text + "\"");
        }
        String registry = text.substring(0, eq).strip();
        String url = text.substring(eq + 1).strip();
        if (HttpUrl.parse(url) == null) {
            throw new IllegalArgumentException("mirror URL \"" + UrlRedaction.redact(url) + "\" is not an http:// or https:// URL");
        }
        return new Mirror(dev.labels.registry.auth.RegistryHosts.canonical(registry), url);
    }

    public HttpUrl httpUrl() {
        return HttpUrl.get(url);
    }
}
