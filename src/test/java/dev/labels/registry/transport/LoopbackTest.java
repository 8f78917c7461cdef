package dev.labels.registry.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoopbackTest {

    @ParameterizedTest
    @CsvSource({
        "localhost, true",
        "LOCALHOST, true",
        "127.0.0.1, true",
        "127.1.2.3, true",
        "::1, true",
        "[::1], true",
        "0:0:0:0:0:0:0:1, true",
        "127.example.com, false",
        "127.0.0.1.nip.io, false",
        "localhost.example.com, false",
        "128.0.0.1, false",
        "10.0.0.1, false",
        "registry.example.com, false",
        "::2, false"
    })
    void onlyLoopbackAddressesAndLocalhostAreLoopbackHosts(String host, boolean loopback) {
        assertEquals(loopback, Loopback.isLoopbackHost(host), host);
    }

    @ParameterizedTest
    @CsvSource({
        "localhost:5000, true",
        "127.0.0.1:5000, true",
        "[::1]:5000, true",
        "[::1], true",
        "localhost, true",
        "127.example.com:5000, false",
        "ghcr.io, false",
        "docker.io, false",
        "registry.example.com:5000, false"
    })
    void registryNamesAreJudgedByTheirHostWithoutThePort(String registry, boolean loopback) {
        assertEquals(loopback, Loopback.isLoopbackRegistry(registry), registry);
    }
}
