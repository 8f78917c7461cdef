package dev.labels.cli;

/**
 * Everything about reaching registries that every command reading images shares: credentials, TLS, proxies,
 * mirrors ({@link RegistryOptions}), retries and time limits ({@link ReliabilityOptions}) and the request
 * log ({@link LoggingOptions}).
 */
final class RegistryAccess {
    final RegistryOptions registry = new RegistryOptions();
    final ReliabilityOptions reliability = new ReliabilityOptions();
    final LoggingOptions logging = new LoggingOptions();

    void declare(CommandModel model) {
        registry.declare(model);
        reliability.declare(model);
        logging.declare(model);
    }
}
