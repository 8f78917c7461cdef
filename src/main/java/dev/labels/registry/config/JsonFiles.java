package dev.labels.registry.config;

import dev.labels.json.Json;
import dev.labels.registry.http.BoundedFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the small JSON files users keep settings and credentials in. Bounded, and its errors never quote
 * the file: Jackson's messages show the text around a syntax error, and in an auth file that is a secret.
 */
public final class JsonFiles {
    /** Real config and auth files are a few KiB; one this large is not one of them. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /** Why a file could not be used; the message names the file and the problem, never its content. */
    public static final class UnreadableException extends IOException {
        private static final long serialVersionUID = 1L;

        UnreadableException(String message) {
            super(message);
        }
    }

    private JsonFiles() {
    }

    /** The file's top-level object, or empty when the file does not exist. */
    public static Optional<JsonNode> readObject(Path file) throws UnreadableException {
        JsonNode root;
        try {
            // Content after the object is ignored, as Docker and podman read these files.
            root = Json.parseLeading(BoundedFiles.read(file, MAX_BYTES));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (BoundedFiles.TooLargeException e) {
            throw new UnreadableException(e.getMessage());
        } catch (dev.labels.json.JsonSyntaxException e) {
            throw new UnreadableException("cannot read " + file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UnreadableException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        if (root == null || root.isMissingNode()) {
            // An empty file: podman and docker both leave one behind after a logout.
            return Optional.of(Json.object());
        }
        if (!root.isObject()) {
            throw new UnreadableException("cannot read " + file + ": not a JSON object");
        }
        return Optional.of(root);
    }
}
