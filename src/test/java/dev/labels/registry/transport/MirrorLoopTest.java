package dev.labels.registry.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.error.LabelsException.Kind;
import dev.labels.registry.transport.Mirror;
import dev.labels.registry.transport.Operation;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.transport.RegistryException;
import dev.labels.registry.auth.CredentialSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The mirror loop alone: endpoints that fail as told, in the order {@link Endpoints} lists them. */
class MirrorLoopTest {
    private static final Operation READING = new Operation("reading manifest", "docker.io/library/alpine:3");

    private final Endpoints endpoints = new Endpoints(new RegistryConfig(false,
            List.of(Mirror.parse("docker.io=https://m1.example.com"), Mirror.parse("docker.io=https://m2.example.com")),
            CredentialSource.ANONYMOUS, false));
    private final MirrorLoop loop = new MirrorLoop(endpoints, false);
    private final List<String> asked = new ArrayList<>();

    private static RegistryCall call(Deadline deadline) {
        return new RegistryCall(READING, "docker.io", "library/alpine", "manifests/3", new Request.Builder().get(),
                1024, deadline);
    }

    /** Each endpoint by host fails with its failure, or answers 200 when it has none. */
    private Response ask(Map<String, RegistryException> failures, Deadline deadline) throws RegistryException {
        return loop.firstAnswer(call(deadline), endpoint -> {
            String host = endpoint.base().host();
            asked.add(host);
            if (failures.containsKey(host)) {
                throw failures.get(host);
            }
            return new Response.Builder().request(new Request.Builder().url(endpoint.base()).build())
                    .protocol(Protocol.HTTP_1_1).code(200).message("OK").build();
        });
    }

    private Response ask(Map<String, RegistryException> failures) throws RegistryException {
        return ask(failures, Deadline.after(Duration.ofSeconds(30)));
    }

    private static RegistryException failure(Kind kind, int status) {
        return READING.fail(kind, kind + " " + status, status, null);
    }

    @Test
    void aMirrorThatCannotBeReachedGivesWayAndIsSkippedByLaterRequests() throws Exception {
        Response answer = ask(Map.of("m1.example.com", failure(Kind.NETWORK, 0)));

        assertEquals(HttpUrl.get("https://m2.example.com/"), answer.request().url());
        assertEquals(List.of("m1.example.com", "m2.example.com"), asked);

        asked.clear();
        ask(Map.of());
        assertEquals(List.of("m2.example.com"), asked, "the unreachable mirror is not waited for again");
    }

    @Test
    void aMirrorThatLacksTheImageOrFailsGivesWayButIsAskedAgain() throws Exception {
        ask(Map.of("m1.example.com", failure(Kind.NOT_FOUND, 404), "m2.example.com", failure(Kind.REGISTRY_ERROR, 503)));
        assertEquals(List.of("m1.example.com", "m2.example.com", "registry-1.docker.io"), asked);

        asked.clear();
        ask(Map.of());
        assertEquals(List.of("m1.example.com"), asked);
    }

    @Test
    void anyOtherFailureOfAMirrorIsTheAnswer() {
        for (RegistryException refusal : List.of(failure(Kind.UNAUTHORIZED, 401), failure(Kind.RATE_LIMITED, 429),
                failure(Kind.REGISTRY_ERROR, 400))) {
            asked.clear();
            RegistryException e = assertThrows(RegistryException.class, () -> ask(Map.of("m1.example.com", refusal)));

            assertSame(refusal, e, "the mirror's own failure, without a list of mirrors");
            assertEquals(List.of("m1.example.com"), asked);
        }
    }

    @Test
    void whenEveryEndpointFailsTheLastFailureSaysHowEachMirrorFailed() {
        RegistryException e = assertThrows(RegistryException.class, () -> ask(Map.of(
                "m1.example.com", failure(Kind.NETWORK, 0), "m2.example.com", failure(Kind.REGISTRY_ERROR, 502),
                "registry-1.docker.io", failure(Kind.NOT_FOUND, 404))));

        assertEquals(Kind.NOT_FOUND, e.kind());
        assertEquals(404, e.httpStatus());
        assertEquals("NOT_FOUND 404 (after mirrors: https://m1.example.com/: NETWORK 0; "
                + "https://m2.example.com/: REGISTRY_ERROR 502)", e.detail());
    }

    @Test
    void noTimeLeftMeansNoNextEndpoint() {
        RegistryException network = failure(Kind.NETWORK, 0);

        RegistryException e = assertThrows(RegistryException.class,
                () -> ask(Map.of("m1.example.com", network), Deadline.after(Duration.ZERO)));

        assertSame(network, e);
        assertEquals(List.of("m1.example.com"), asked);
    }

    @Test
    void theRegistryItselfIsAlwaysAskedLast() throws Exception {
        ask(Map.of("m1.example.com", failure(Kind.NETWORK, 0), "m2.example.com", failure(Kind.NETWORK, 0)));
        asked.clear();

        RegistryException e = assertThrows(RegistryException.class,
                () -> ask(Map.of("registry-1.docker.io", failure(Kind.NETWORK, 0))));

        assertEquals(List.of("registry-1.docker.io"), asked, "both mirrors are skipped, the registry never is");
        assertTrue(e.detail().startsWith("NETWORK 0"), e.detail());
    }
}
