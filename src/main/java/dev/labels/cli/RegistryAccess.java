package dev.labels.cli;

import picocli.CommandLine.Mixin;

/**
 * Everything about reaching registries that every command reading images shares: credentials, TLS, proxies,
 * mirrors ({@link RegistryOptions}), retries and time limits ({@link ReliabilityOptions}) and the request
 * log ({@link LoggingOptions}).
 */
final class RegistryAccess {
    @Mixin
    RegistryOptions registry;

    @Mixin
    ReliabilityOptions reliability;

    @Mixin
    LoggingOptions logging;
}
