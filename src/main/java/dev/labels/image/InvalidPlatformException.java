package dev.labels.image;

/**
 * A {@code --platform} value is not of the form {@code os/arch[/variant]}.
 * Checked on purpose: it comes from user input and the CLI must report it, not crash.
 */
public final class InvalidPlatformException extends ImageException {

    private final String input;

    public InvalidPlatformException(String input, String reason) {
        super("invalid platform \"" + input + "\": " + reason);
        this.input = input;
    }

    /** The text that failed to parse, as given. */
    public String input() {
        return input;
    }
}
