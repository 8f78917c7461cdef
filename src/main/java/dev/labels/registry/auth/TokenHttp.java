package dev.labels.registry.auth;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The HTTP client of a token request. Asked for only when a token is fetched, and with the realm, because the
 * realm's scheme decides whether TLS must be set up: a plain-HTTP registry may send us to an HTTPS token service.
 */
@FunctionalInterface
public interface TokenHttp {

    /** @throws IOException the client cannot be made (the registry's TLS files cannot be read, say) */
    OkHttpClient forRealm(HttpUrl realm) throws IOException;
}
