package dev.labels.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;

/**
 * A document is not JSON, or not JSON this tool reads (nested too deep, a value too long). The message says
 * what kind of error and where, never what the document holds: a document may be anything (a secret file
 * behind a symlink, a login page from a proxy), and messages are printed. For the same reason the parser's own
 * exception is not kept as the cause: its message quotes the token it stopped at.
 */
public final class JsonSyntaxException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What kind of error; each reads as the end of "the manifest is ...". */
    public enum Kind {
        TRUNCATED("truncated JSON"),
        NOT_JSON("not JSON"),
        CONTENT_AFTER_VALUE("not JSON: there is content after the value"),
        TOO_DEEP("JSON nested deeper than this tool reads"),
        TOO_LONG("JSON with a string, number or name longer than this tool reads");

        private final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private final Kind kind;

    private JsonSyntaxException(Kind kind, JsonLocation location) {
        super(kind.description + where(location));
        this.kind = kind;
    }

    static JsonSyntaxException of(Kind kind, JsonLocation location) {
        return new JsonSyntaxException(kind, location);
    }

    /** The kind and place of a parser's failure, without its message. */
    static JsonSyntaxException of(IOException parserError, JsonLocation fallback) {
        JsonLocation location = parserError instanceof com.fasterxml.jackson.core.JsonProcessingException processing
                && processing.getLocation() != null ? processing.getLocation() : fallback;
        Kind kind = parserError instanceof JsonEOFException ? Kind.TRUNCATED
                : parserError instanceof StreamConstraintsException limit
                        ? String.valueOf(limit.getOriginalMessage()).contains("nesting depth") ? Kind.TOO_DEEP : Kind.TOO_LONG
                : Kind.NOT_JSON;
        return new JsonSyntaxException(kind, location);
    }

    public Kind kind() {
        return kind;
    }

    /** "at line 3, column 7", or nothing when the parser does not know. */
    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (at line " + location.getLineNr() + ", column " + Math.max(location.getColumnNr(), 1) + ")";
    }
}
