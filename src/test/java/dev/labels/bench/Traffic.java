package dev.labels.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;

/**
 * What the fake Docker Hub saw: connections, probes, failed TLS handshakes and requests on each of its three
 * ports, and the requests by what they were answered with. A probe is a connection that spoke the other
 * protocol: a TLS ClientHello on a plain-HTTP port (a client trying HTTPS first), or plain HTTP on an HTTPS
 * port. Thread-safe; {@link #snapshot()} and {@link Snapshot#minus} give the traffic of one run.
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

    private final String probeName;
    private final AtomicLongArray connections = new AtomicLongArray(PORTS);
    private final AtomicLongArray probes = new AtomicLongArray(PORTS);
    private final AtomicLongArray refused = new AtomicLongArray(PORTS);
    private final AtomicLongArray failedHandshakes = new AtomicLongArray(PORTS);
    private final AtomicLongArray requests = new AtomicLongArray(PORTS);
    private final AtomicLongArray kinds = new AtomicLongArray(KINDS);
    private final Set<String> protocols = ConcurrentHashMap.newKeySet();

    /** @param probeName what a probe is on these ports, for {@link Snapshot#describe()}: "TLS probe" */
    Traffic(String probeName) {
        this.probeName = probeName;
    }

    void connection(Port port) {
        connections.incrementAndGet(port.ordinal());
    }

    /** A connection in the other protocol: TLS on a plain-HTTP port, or plain HTTP on an HTTPS port. */
    void probe(Port port) {
        probes.incrementAndGet(port.ordinal());
    }

    /** A connection closed at once because too many were open. */
    void refused(Port port) {
        refused.incrementAndGet(port.ordinal());
    }

    /** A TLS handshake that failed: the client did not trust the certificate, or gave up. */
    void failedHandshake(Port port) {
        failedHandshakes.incrementAndGet(port.ordinal());
    }

    /** A TLS handshake that succeeded, with the protocol version it agreed on ("TLSv1.3"). */
    void negotiated(String protocol) {
        protocols.add(protocol);
    }

    /** The TLS versions handshakes agreed on so far, sorted; empty over plain HTTP. */
    List<String> protocols() {
        return protocols.stream().sorted().toList();
    }

    void request(Port port, Kind kind) {
        requests.incrementAndGet(port.ordinal());
        kinds.incrementAndGet(kind.ordinal());
    }

    Snapshot snapshot() {
        return new Snapshot(probeName, copy(connections), copy(probes), copy(refused), copy(failedHandshakes),
                copy(requests), copy(kinds));
    }

    private static long[] copy(AtomicLongArray counters) {
        long[] values = new long[counters.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counters.get(i);
        }
        return values;
    }

    /** Counter values at one moment, or (after {@link #minus}) the traffic between two moments. */
    record Snapshot(String probeName, long[] connections, long[] probes, long[] refused, long[] failedHandshakes,
                    long[] requests, long[] kinds) {

        Snapshot minus(Snapshot earlier) {
            return new Snapshot(probeName, diff(connections, earlier.connections), diff(probes, earlier.probes),
                    diff(refused, earlier.refused), diff(failedHandshakes, earlier.failedHandshakes),
                    diff(requests, earlier.requests), diff(kinds, earlier.kinds));
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

        long totalFailedHandshakes() {
            return sum(failedHandshakes);
        }

        /** Requests less the auth handshake (401 challenges and token fetches): what reading images cost. */
        long imageRequests() {
            return totalRequests() - kind(Kind.CHALLENGE) - kind(Kind.TOKEN);
        }

        /** e.g. {@code 605 req (401 1, token 1, manifest GET 200, blob 307 200, blob bytes 200), 1 TLS probe, 19 conn} */
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
                    + totalProbes() + " " + probeName + (totalProbes() == 1 ? "" : "s") + ", " + totalConnections()
                    + " conn";
            if (totalFailedHandshakes() > 0) {
                text += ", " + totalFailedHandshakes() + " TLS HANDSHAKES FAILED";
            }
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
