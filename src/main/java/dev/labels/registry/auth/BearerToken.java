package dev.labels.registry.auth;

import java.time.Instant;

/** A registry token and when to stop using it. Never printed: {@link #toString()} hides the value. */
public record BearerToken(String value, Instant expiresAt) {

    public boolean isUsableAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    public String authorization() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "BearerToken[value=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
