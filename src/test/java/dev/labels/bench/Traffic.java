package dev.labels.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;

/**
 * What the fake Docker Hub saw: connections, TLS probes and requests on each of its three ports, and the
 * requests by what they were answered with. Thread-safe; {@link #snapshot()} and {@link Snapshot#minus} give
 * the traffic of one run.
 */
final class Traffic {

    /** The proxy's three ports, as Docker Hub's three hosts: registry-1.docker.io, auth.docker.io, the CDN. */
    enum Port { REGISTRY, TOKEN, BLOB }

    /** What a request was answered with; one count per request. */
    enum Kind {
        /** {@code GET /v2/} with a valid token: the version check clients do before anything else. */
        PING("ping"),
        /** A 401 with a Bearer challenge, on any path. */
        CHALLENGE("401"),
        MANIFEST_GET("manifest GET"),
        MANIFEST_HEAD("manifest HEAD"),
        /** A blob GET on the registry port, answered with a 307 to the blob port. */
        BLOB_REDIRECT("blob 307"),
        BLOB_HEAD("blob HEAD"),
        TAGS("tags/list"),
        TOKEN("token"),
        /** The blob port serving the bytes a redirect pointed at. */
        BLOB_BYTES("blob bytes"),
        /** Anything else: 404s, bad signatures, unknown paths. */
        OTHER("other");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final int PORTS = Port.values().length;
    private static final int KINDS = Kind.values().length;

    private final AtomicLongArray connections = new AtomicLongArray(PORTS);
    private final AtomicLongArray probes = new AtomicLongArray(PORTS);
    private final AtomicLongArray refused = new AtomicLongArray(PORTS);
    private final AtomicLongArray requests = new AtomicLongArray(PORTS);
    private final AtomicLongArray kinds = new AtomicLongArray(KINDS);

    void connection(Port port) {
        connections.incrementAndGet(port.ordinal());
    }

    /** A TLS ClientHello on a plain-HTTP port: a client trying HTTPS first. */
    void probe(Port port) {
        probes.incrementAndGet(port.ordinal());
    }

    /** A connection closed at once because too many were open. */
    void refused(Port port) {
        refused.incrementAndGet(port.ordinal());
    }

    void request(Port port, Kind kind) {
        requests.incrementAndGet(port.ordinal());
        kinds.incrementAndGet(kind.ordinal());
    }

    Snapshot snapshot() {
        return new Snapshot(copy(connections), copy(probes), copy(refused), copy(requests), copy(kinds));
    }

    private static long[] copy(AtomicLongArray counters) {
        long[] values = new long[counters.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counters.get(i);
        }
        return values;
    }

    /** Counter values at one moment, or (after {@link #minus}) the traffic between two moments. */
    record Snapshot(long[] connections, long[] probes, long[] refused, long[] requests, long[] kinds) {

        static final Snapshot ZERO = new Snapshot(new long[PORTS], new long[PORTS], new long[PORTS],
                new long[PORTS], new long[KINDS]);

        Snapshot minus(Snapshot earlier) {
            return new Snapshot(diff(connections, earlier.connections), diff(probes, earlier.probes),
                    diff(refused, earlier.refused), diff(requests, earlier.requests), diff(kinds, earlier.kinds));
        }

        /** HTTP requests on all three ports; TLS probes are not requests and are not counted here. */
        long totalRequests() {
            return sum(requests);
        }

        long requests(Port port) {
            return requests[port.ordinal()];
        }

        long kind(Kind kind) {
            return kinds[kind.ordinal()];
        }

        long totalProbes() {
            return sum(probes);
        }

        long totalConnections() {
            return sum(connections);
        }

        long totalRefused() {
            return sum(refused);
        }

        /** Requests less the auth handshake (401 challenges and token fetches): what reading images cost. */
        long imageRequests() {
            return totalRequests() - kind(Kind.CHALLENGE) - kind(Kind.TOKEN);
        }

        /** e.g. {@code 605 req (401 1, token 1, manifest GET 200, blob 307 200, blob bytes 200), 1 probe, 19 conn} */
        String describe() {
            Map<Kind, Long> nonZero = new EnumMap<>(Kind.class);
            for (Kind kind : Kind.values()) {
                if (kind(kind) > 0) {
                    nonZero.put(kind, kind(kind));
                }
            }
            String breakdown = nonZero.entrySet().stream()
                    .map(entry -> entry.getKey().label + " " + entry.getValue())
                    .collect(Collectors.joining(", "));
            String text = totalRequests() + " req" + (breakdown.isEmpty() ? "" : " (" + breakdown + ")") + ", "
                    + totalProbes() + " TLS probe"
                    + (totalProbes() == 1 ? "" : "s") + ", " + totalConnections() + " conn";
            return totalRefused() == 0 ? text : text + ", " + totalRefused() + " REFUSED";
        }

        private static long[] diff(long[] later, long[] earlier) {
            long[] result = new long[later.length];
            for (int i = 0; i < later.length; i++) {
                result[i] = later[i] - earlier[i];
            }
            return result;
        }

        private static long sum(long[] values) {
            long total = 0;
            for (long value : values) {
                total += value;
            }
            return total;
        }
    }
}
