package dev.labels.registry.transport;

/**
 * A wait a request has passed before it goes to an endpoint, held until its answer has been handled; closing
 * lets the requests that wait behind it go (see {@link AuthHandshake#firstContact} and
 * {@link SchemeSettler#probeAlone}).
 */
@FunctionalInterface
interface Gate extends AutoCloseable {
    /** Nothing to wait for and nothing to release. */
    Gate OPEN = () -> { };

    @Override
    void close();
}
