package dev.labels.registry.transport;

import static dev.labels.registry.transport.ScriptedSender.failure;
import static dev.labels.registry.transport.ScriptedSender.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.cache.Notes;
import dev.labels.error.LabelsException.Kind;
import dev.labels.registry.transport.Operation;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.transport.RegistryException;
import dev.labels.registry.transport.SchemeSettler.Answer;
import dev.labels.registry.transport.Sender.Authorize;
import dev.labels.registry.auth.Authorizer;
import dev.labels.registry.auth.CredentialSource;
import dev.labels.registry.tls.TlsFiles;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** Settling an endpoint's scheme with a fake sender: the probe of a loopback registry, the fallback to plain HTTP. */
class SchemeSettlerTest {
    private static final String LOOPBACK = "localhost:5000";
    private static final String INSECURE = "registry.example.com";
    private static final Authorize USER = (call, endpoint) -> "Basic dXNlcjpwYXNz";

    private final Endpoints endpoints = new Endpoints(new RegistryConfig(false, List.of(), CredentialSource.ANONYMOUS,
            false));
    private final Endpoints insecure = new Endpoints(new RegistryConfig(true, List.of(), CredentialSource.ANONYMOUS,
            false));

    private static SchemeSettler settler(Endpoints endpoints, Sender sender) {
        Authorizer anonymous = new Authorizer(CredentialSource.ANONYMOUS, Clock.systemUTC(), Notes.NONE);
        TransportFailures failures = new TransportFailures(anonymous, new SentSecrets(), TlsFiles.DEFAULT);
        return new SchemeSettler(endpoints, sender, failures, false);
    }

    private static RegistryCall call(String registry) {
        return new RegistryCall(new Operation("reading manifest", registry + "/team/app:1"), registry, "team/app",
                "manifests/1", new Request.Builder().get(), 1024, Deadline.after(Duration.ofSeconds(30)));
    }

    private static Answer first(Endpoints endpoints, ScriptedSender sender, String registry) throws RegistryException {
        return settler(endpoints, sender).first(call(registry), endpoints.resolve(registry).get(0), USER);
    }

    private static ScriptedSender.Asked asked(String url, String authorization, boolean probe) {
        return new ScriptedSender.Asked(HttpUrl.get(url), authorization, probe);
    }

    @Test
    void aLoopbackRegistryThatAnswersTheProbeIsSpokenToOverPlainHttpFromThenOn() throws Exception {
        ScriptedSender sender = new ScriptedSender(status(401), status(200));

        Answer answer = first(endpoints, sender, LOOPBACK);

        assertEquals(401, answer.response().code());
        assertTrue(answer.probe());
        assertEquals("http", answer.route().endpoint().base().scheme());
        assertEquals("http", endpoints.resolve(LOOPBACK).get(0).base().scheme(), "settled for the run");

        first(endpoints, sender, LOOPBACK);
        assertEquals(List.of(asked("http://localhost:5000/v2/team/app/manifests/1", null, true),
                asked("http://localhost:5000/v2/team/app/manifests/1", "Basic dXNlcjpwYXNz", false)), sender.asked,
                "the probe goes without credentials; the next request is no probe");
    }

    @Test
    void aBare400OrAClosedConnectionToTheProbeMeansTheRegistrySpeaksTls() throws Exception {
        for (ScriptedSender.Reply refusal : List.of(status(400), failure(new IOException("unexpected end of stream")))) {
            Endpoints endpoints = new Endpoints(new RegistryConfig(false, List.of(), CredentialSource.ANONYMOUS, false));
            ScriptedSender sender = new ScriptedSender(refusal, status(200));

            Answer answer = first(endpoints, sender, LOOPBACK);

            assertEquals(200, answer.response().code());
            assertFalse(answer.probe());
            assertEquals(List.of(asked("http://localhost:5000/v2/team/app/manifests/1", null, true),
                    asked("https://localhost:5000/v2/team/app/manifests/1", "Basic dXNlcjpwYXNz", false)), sender.asked);
            assertEquals("https", endpoints.resolve(LOOPBACK).get(0).base().scheme(), "settled for the run");
        }
    }

    @Test
    void nothingListeningToTheProbeIsANetworkFailureNotATlsServer() {
        ScriptedSender sender = new ScriptedSender(failure(new ConnectException("Connection refused")));

        RegistryException e = assertThrows(RegistryException.class, () -> first(endpoints, sender, LOOPBACK));

        assertEquals(Kind.NETWORK, e.kind());
        assertEquals("cannot talk to localhost: Connection refused", e.detail());
        assertEquals(1, sender.asked.size());
    }

    @Test
    void anInsecureRegistryWhoseTlsFailsIsAskedOverPlainHttpWithTheTlsFailureKept() throws Exception {
        ScriptedSender sender = new ScriptedSender(failure(new SSLHandshakeException("Unsupported or unrecognized SSL message")),
                status(200));

        Answer answer = first(insecure, sender, INSECURE);

        assertEquals(200, answer.response().code());
        assertEquals(List.of(asked("https://registry.example.com/v2/team/app/manifests/1", "Basic dXNlcjpwYXNz", false),
                asked("http://registry.example.com/v2/team/app/manifests/1", "Basic dXNlcjpwYXNz", false)), sender.asked);
        assertEquals("https", answer.route().overTls().base().scheme());
        assertEquals("http", insecure.resolve(INSECURE).get(0).base().scheme(), "settled for the run");
    }

    @Test
    void plainHttpRefusedTheWayATlsServerRefusesItReportsTheTlsFailure() {
        ScriptedSender sender = new ScriptedSender(failure(new SSLHandshakeException("Remote host terminated")),
                status(400));

        RegistryException e = assertThrows(RegistryException.class, () -> first(insecure, sender, INSECURE));

        assertEquals("TLS failure talking to registry.example.com: Remote host terminated", e.detail());
        assertEquals("https", insecure.resolve(INSECURE).get(0).base().scheme(), "settled on TLS again");
    }

    @Test
    void plainHttpThatFailsTooReportsTheTlsFailureUnlessNothingListens() {
        ScriptedSender garbled = new ScriptedSender(failure(new SSLHandshakeException("Remote host terminated")),
                failure(new IOException("unexpected end of stream")));
        assertEquals("TLS failure talking to registry.example.com: Remote host terminated",
                assertThrows(RegistryException.class, () -> first(insecure, garbled, INSECURE)).detail());

        Endpoints again = new Endpoints(new RegistryConfig(true, List.of(), CredentialSource.ANONYMOUS, false));
        ScriptedSender refused = new ScriptedSender(failure(new SSLHandshakeException("Remote host terminated")),
                failure(new ConnectException("Connection refused")));
        assertEquals("cannot talk to registry.example.com: Connection refused",
                assertThrows(RegistryException.class, () -> first(again, refused, INSECURE)).detail());
    }

    @Test
    void aCertificateTheJvmRejectsIsNotAskedOverPlainHttp() {
        ScriptedSender sender = new ScriptedSender(failure(new SSLPeerUnverifiedException("Hostname not verified")));

        RegistryException e = assertThrows(RegistryException.class, () -> first(insecure, sender, INSECURE));

        assertEquals("certificate of registry.example.com is not valid for host registry.example.com: "
                + "Hostname not verified", e.detail());
        assertEquals(1, sender.asked.size());
    }

    @Test
    void aRegistryThatMayNotUsePlainHttpIsNeverAskedOverIt() {
        ScriptedSender sender = new ScriptedSender(failure(new ConnectException("Connection refused")));

        RegistryException e = assertThrows(RegistryException.class, () -> first(endpoints, sender, INSECURE));

        assertEquals("cannot talk to registry.example.com: Connection refused", e.detail());
        assertEquals(1, sender.asked.size());
    }
}
