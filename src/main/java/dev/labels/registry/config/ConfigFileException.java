package dev.labels.registry.config;

/** The config file cannot be used. The message names the file and what is wrong with it. */
public final class ConfigFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigFileException(String message) {
        super(message);
    }
}
