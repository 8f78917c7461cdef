package dev.labels.registry.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.cache.Notes;
import dev.labels.registry.transport.Mirror;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.auth.CredentialSource;
import dev.labels.registry.config.RegistrySettings;
import dev.labels.registry.proxy.ProxySettings;
import dev.labels.registry.tls.TlsFiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    private static Endpoints endpoints(boolean insecure, Mirror... mirrors) {
        return new Endpoints(new RegistryConfig(insecure, List.of(mirrors), CredentialSource.ANONYMOUS, false));
    }

    private static Endpoints endpoints(Map<String, RegistrySettings> registries, Mirror... mirrors) {
        return new Endpoints(new RegistryConfig(false, List.of(mirrors), CredentialSource.ANONYMOUS, false,
                registries, TlsFiles.DEFAULT, ProxySettings.NONE));
    }

    private static Endpoint only(List<Endpoint> endpoints) {
        assertEquals(1, endpoints.size(), endpoints::toString);
        return endpoints.get(0);
    }

    @Test
    void dockerHubIsServedAtRegistry1() {
        Endpoint hub = only(endpoints(false).resolve("docker.io"));

        assertEquals("https://registry-1.docker.io/v2/library/alpine/manifests/3",
                hub.url("library/alpine", "manifests/3").toString());
        assertEquals("docker.io", hub.credentialKey());
        assertFalse(hub.mayUsePlainHttp());
    }

    @Test
    void loopbackRegistriesMayFallBackToPlainHttpKeepingTheirPort() {
        Endpoints endpoints = endpoints(false);
        Endpoint local = only(endpoints.resolve("localhost:5000"));
        assertTrue(local.mayUsePlainHttp());
        assertTrue(only(endpoints.resolve("127.0.0.1:5000")).mayUsePlainHttp());
        assertFalse(only(endpoints.resolve("registry.example.com")).mayUsePlainHttp());

        Endpoint plain = endpoints.fallBackToPlainHttp(local);

        assertEquals("http://localhost:5000/v2/a/blobs/sha256:x", plain.url("a", "blobs/sha256:x").toString());
        assertEquals(plain, only(endpoints.resolve("localhost:5000")), "the fallback is remembered");
    }

    @Test
    void loopbackRegistriesOnTheirOwnPortAreAskedOverPlainHttpFirstButNotOnHttpsOwnPort() {
        Endpoints endpoints = endpoints(false);

        assertTrue(only(endpoints.resolve("localhost:5000")).plainHttpFirst());
        assertTrue(only(endpoints.resolve("127.0.0.1:80")).plainHttpFirst());
        assertTrue(only(endpoints.resolve("[::1]:5000")).plainHttpFirst());
        assertFalse(only(endpoints.resolve("localhost")).plainHttpFirst(), "443, whose plain form is port 80");
        assertFalse(only(endpoints.resolve("localhost:443")).plainHttpFirst());
        assertFalse(only(endpoints.resolve("registry.example.com:5000")).plainHttpFirst());
        assertFalse(only(endpoints(true).resolve("registry.example.com:5000")).plainHttpFirst(),
                "--insecure keeps HTTPS first off this machine");
    }

    @Test
    void insecureAllowsPlainHttpEverywhere() {
        assertTrue(only(endpoints(true).resolve("registry.example.com")).mayUsePlainHttp());
    }

    @Test
    void insecureInTheConfigFileAllowsPlainHttpForThatRegistryOnly() {
        Endpoints endpoints = endpoints(Map.of("registry.example.com", new RegistrySettings(List.of(), true, null)));

        assertTrue(only(endpoints.resolve("registry.example.com")).mayUsePlainHttp());
        assertFalse(only(endpoints.resolve("other.example.com")).mayUsePlainHttp());
    }

    @Test
    void mirrorKeepsTheRepositoryPathAndItsOwnBasePathAndIsTriedBeforeTheRegistry() {
        List<Endpoint> endpoints = endpoints(false, Mirror.parse("docker.io=http://127.0.0.1:5000/cache/"))
                .resolve("docker.io");

        assertEquals(2, endpoints.size());
        Endpoint mirror = endpoints.get(0);
        assertEquals("http://127.0.0.1:5000/cache/v2/library/alpine/manifests/latest",
                mirror.url("library/alpine", "manifests/latest").toString());
        assertEquals("127.0.0.1:5000", mirror.credentialKey(), "credentials are looked up for the mirror's host");
        assertTrue(mirror.mirror());
        assertEquals("registry-1.docker.io", endpoints.get(1).base().host(), "the registry itself comes last");
        assertEquals("docker.io", endpoints.get(1).credentialKey());
    }

    @Test
    void commandLineMirrorsComeBeforeConfigFileMirrorsAndDuplicatesAreTriedOnce() {
        Endpoints endpoints = endpoints(Map.of("index.docker.io",
                        new RegistrySettings(List.of("https://m2.example.com", "https://m1.example.com"), false, null)),
                Mirror.parse("docker.io=https://m1.example.com"));

        List<String> hosts = endpoints.resolve("docker.io").stream().map(e -> e.base().host()).toList();

        assertEquals(List.of("m1.example.com", "m2.example.com", "registry-1.docker.io"), hosts);
    }

    @Test
    void aMirrorOnTheRegistrysOwnHostAndPortReplacesIt() {
        Endpoint plain = only(endpoints(false, Mirror.parse("localhost:5000=http://localhost:5000"))
                .resolve("localhost:5000"));

        assertEquals("http", plain.base().scheme());
    }

    @Test
    void anUnreachableMirrorIsSkippedLaterButTheRegistryNeverIs() {
        Endpoints endpoints = endpoints(false, Mirror.parse("ghcr.io=https://m.example.com"));
        Endpoint mirror = endpoints.resolve("ghcr.io").get(0);

        endpoints.markUnreachable(mirror);

        assertEquals("ghcr.io", only(endpoints.resolve("ghcr.io")).base().host());
    }

    @Test
    void mirrorForIndexDockerIoAppliesToDockerIo() {
        Endpoint mirror = endpoints(false, Mirror.parse("index.docker.io=https://mirror.example.com"))
                .resolve("docker.io").get(0);

        assertEquals("mirror.example.com", mirror.base().host());
    }

    @Test
    void malformedMirrorsSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mirror.parse("docker.io"))
                .getMessage().contains("REGISTRY=URL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mirror.parse("docker.io=ftp://x"))
                .getMessage().contains("not an http"));
    }

    @Test
    void onlyTheRegistryOfTheReferenceOrAMirrorOnItsOwnHostIsNamedInTheReference() {
        assertTrue(only(endpoints(false).resolve("docker.io")).namedInReference());
        List<Endpoint> mirrored = endpoints(false, Mirror.parse("ghcr.io=https://mirror.example.com")).resolve("ghcr.io");
        assertFalse(mirrored.get(0).namedInReference(), "a mirror elsewhere");
        assertTrue(mirrored.get(1).namedInReference());
        assertTrue(only(endpoints(false, Mirror.parse("localhost:5000=http://localhost:5000")).resolve("localhost:5000"))
                .namedInReference(), "a mirror on the registry's own host and port is the registry");
    }

    @Test
    void secretsCrossPlainHttpOnlyToThisMachineOrWhereTheUserAllowedIt() {
        HttpUrl plainElsewhere = HttpUrl.get("http://mirror.example.com/");
        Endpoint strict = endpoints(false, Mirror.parse("ghcr.io=http://mirror.example.com")).resolve("ghcr.io").get(0);
        Endpoint insecure = endpoints(true, Mirror.parse("ghcr.io=http://mirror.example.com")).resolve("ghcr.io").get(0);
        Endpoint configured = endpoints(Map.of("mirror.example.com", new RegistrySettings(List.of(), true, null)),
                Mirror.parse("ghcr.io=http://mirror.example.com")).resolve("ghcr.io").get(0);

        assertFalse(strict.maySendSecretsTo(plainElsewhere));
        assertTrue(strict.maySendSecretsTo(HttpUrl.get("https://mirror.example.com/")));
        assertTrue(strict.maySendSecretsTo(HttpUrl.get("http://127.0.0.1:5000/")));
        assertTrue(strict.maySendSecretsTo(HttpUrl.get("http://localhost:5000/")));
        assertTrue(insecure.maySendSecretsTo(plainElsewhere), "--insecure");
        assertTrue(configured.maySendSecretsTo(plainElsewhere), "\"insecure\": true for the mirror's host");
    }

    /**
     * A note that an earlier run reached a registry over plain HTTP is used only where this run would ask plain
     * HTTP first anyway, at the same address (a loopback registry on its own port): for an --insecure registry
     * it would skip HTTPS for a day after one failed TLS attempt, and for a loopback registry on 443 it would send
     * the credentials to port 80, another server.
     */
    @Test
    void aPlainHttpNoteNeverSkipsAnHttpsAttemptThisRunWouldMake() {
        Notes noted = new Notes() {
            @Override
            public Optional<String> get(String kind, String key) {
                return Optional.of(Long.toString(java.time.Instant.now().getEpochSecond() - 60));
            }

            @Override
            public void put(String kind, String key, String value, boolean secret) {
            }

            @Override
            public void remove(String kind, String key) {
            }

            @Override
            public String keyedHash(String secret) {
                return secret;
            }
        };
        RegistryConfig insecure = new RegistryConfig(true, List.of(), CredentialSource.ANONYMOUS, false);
        RegistryConfig strict = new RegistryConfig(false, List.of(), CredentialSource.ANONYMOUS, false);

        assertEquals("https://registry.example.com/",
                only(new Endpoints(insecure, noted).resolve("registry.example.com")).base().toString(), "--insecure");
        assertEquals("https://registry.example.com:5000/",
                only(new Endpoints(insecure, noted).resolve("registry.example.com:5000")).base().toString());
        assertEquals("https://localhost/", only(new Endpoints(strict, noted).resolve("localhost")).base().toString(),
                "port 443 is not port 80");
        assertEquals("http://localhost:5000/", only(new Endpoints(strict, noted).resolve("localhost:5000")).base()
                .toString(), "the note spares a loopback registry on its own port the probe");
    }
}
