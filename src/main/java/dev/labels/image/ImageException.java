package dev.labels.image;

/**
 * Common base of every checked error raised by the image model.
 *
 * <p>Why a base class: the store that read the content catches one type and turns it into its
 * own failure ({@link ContentStore#failure}), quoting {@link #getMessage()}. Not a
 * {@code LabelsException}: what it means to the user depends on the source (a malformed manifest
 * is a registry's error or a damaged file). Messages are forced onto one line here (registries
 * sometimes send HTML or multi-line JSON that ends up quoted in a message) so no caller has to
 * remember to.
 */
public abstract class ImageException extends Exception {

    protected ImageException(String message) {
        super(oneLine(message));
    }

    protected ImageException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /**
     * Replaces each run of line breaks, tabs and other control characters with one space so
     * the message stays one line. Ordinary spaces are kept (they may be part of quoted input).
     */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(message.length());
        boolean lastBreak = false;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean lineBreak = Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085';
            if (!lineBreak) {
                out.append(c);
            } else if (!lastBreak) {
                out.append(' ');
            }
            lastBreak = lineBreak;
        }
        return out.toString().strip();
    }
}
