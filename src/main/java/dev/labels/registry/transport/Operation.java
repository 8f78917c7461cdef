package dev.labels.registry.transport;

import dev.labels.error.LabelsException.Kind;

/**
 * What we were doing and to which image, so that every error can say so: "reading manifest of
 * docker.io/library/alpine:3.20: ...".
 */
public record Operation(String description, String target) {

    public RegistryException fail(Kind kind, String detail) {
        return new RegistryException(kind, description, target, detail);
    }

    public RegistryException fail(Kind kind, String detail, int httpStatus, Throwable cause) {
        return new RegistryException(kind, description, target, detail, httpStatus, cause);
    }
}
