package dev.labels.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.registry.auth.CredentialSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    private static Endpoints endpoints(boolean insecure, Mirror... mirrors) {
        return new Endpoints(new RegistryConfig(insecure, List.of(mirrors), CredentialSource.ANONYMOUS, false));
    }

    @Test
    void dockerHubIsServedAtRegistry1() {
        Endpoint hub = endpoints(false).resolve("docker.io");

        assertEquals("https://registry-1.docker.io/v2/library/alpine/manifests/3",
                hub.url("library/alpine", "manifests/3").toString());
        assertEquals("docker.io", hub.credentialKey());
        assertFalse(hub.mayUsePlainHttp());
    }

    @Test
    void loopbackRegistriesMayFallBackToPlainHttpKeepingTheirPort() {
        Endpoints endpoints = endpoints(false);
        Endpoint local = endpoints.resolve("localhost:5000");
        assertTrue(local.mayUsePlainHttp());
        assertTrue(endpoints.resolve("127.0.0.1:5000").mayUsePlainHttp());
        assertFalse(endpoints.resolve("registry.example.com").mayUsePlainHttp());

        Endpoint plain = endpoints.fallBackToPlainHttp(local);

        assertEquals("http://localhost:5000/v2/a/blobs/sha256:x", plain.url("a", "blobs/sha256:x").toString());
        assertEquals(plain, endpoints.resolve("localhost:5000"), "the fallback is remembered");
    }

    @Test
    void insecureAllowsPlainHttpEverywhere() {
        assertTrue(endpoints(true).resolve("registry.example.com").mayUsePlainHttp());
    }

    @Test
    void mirrorKeepsTheRepositoryPathAndItsOwnBasePath() {
        Endpoint mirror = endpoints(false, Mirror.parse("docker.io=http://127.0.0.1:5000/cache/"))
                .resolve("docker.io");

        assertEquals("http://127.0.0.1:5000/cache/v2/library/alpine/manifests/latest",
                mirror.url("library/alpine", "manifests/latest").toString());
        assertEquals("127.0.0.1:5000", mirror.credentialKey(), "credentials are looked up for the mirror's host");
    }

    @Test
    void mirrorForIndexDockerIoAppliesToDockerIo() {
        Endpoint mirror = endpoints(false, Mirror.parse("index.docker.io=https://mirror.example.com"))
                .resolve("docker.io");

        assertEquals("mirror.example.com", mirror.base().host());
    }

    @Test
    void malformedMirrorsSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mirror.parse("docker.io"))
                .getMessage().contains("REGISTRY=URL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mirror.parse("docker.io=ftp://x"))
                .getMessage().contains("not an http"));
    }
}
