package dev.labels.registry.transport;

/**
 * A request's tag (OkHttp {@code Request.tag}): how much of a successful answer's body the retry interceptor
 * may read ahead, so that a body cut off midway is retried like any other dropped connection.
 */
record BodyLimit(long bytes) {
}
