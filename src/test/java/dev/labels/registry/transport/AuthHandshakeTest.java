package dev.labels.registry.transport;

import static dev.labels.registry.transport.ScriptedSender.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labels.cache.Notes;
import dev.labels.registry.transport.Operation;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.transport.RegistryException;
import dev.labels.registry.transport.SchemeSettler.Answer;
import dev.labels.registry.auth.Authorizer;
import dev.labels.registry.auth.CredentialSource;
import dev.labels.registry.auth.Credentials;
import dev.labels.registry.auth.StaticCredentials;
import dev.labels.registry.tls.TlsFiles;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handshake with a fake sender in place of the registry, and a small token service where a token is needed. */
class AuthHandshakeTest {
    private static final String BASIC = okhttp3.Credentials.basic("user", "pass");

    private final MockWebServer tokens = new MockWebServer();

    @AfterEach
    void stop() throws Exception {
        tokens.close();
    }

    private static Answer exchange(String registry, CredentialSource credentials, ScriptedSender sender)
            throws RegistryException {
        return exchange(false, registry, credentials, sender);
    }

    /** @param insecure whether plain HTTP is allowed, as it must be for a token service on loopback */
    private static Answer exchange(boolean insecure, String registry, CredentialSource credentials,
                                   ScriptedSender sender) throws RegistryException {
        RegistryConfig config = new RegistryConfig(insecure, List.of(), credentials, false);
        Endpoints endpoints = new Endpoints(config);
        Authorizer authorizer = new Authorizer(credentials, Clock.systemUTC(), Notes.NONE);
        SchemeSettler scheme = new SchemeSettler(endpoints, sender,
                new TransportFailures(authorizer, new SentSecrets(), TlsFiles.DEFAULT), false);
        AuthHandshake handshake = new AuthHandshake(authorizer, new TlsClients(new OkHttpClient(), config), scheme);
        RegistryCall call = new RegistryCall(new Operation("reading manifest", registry + "/team/app:1"), registry,
                "team/app", "manifests/1", new Request.Builder().get(), 1024, Deadline.after(Duration.ofSeconds(30)));
        return handshake.exchange(call, endpoints.resolve(registry).get(0));
    }

    private static List<String> authorizations(ScriptedSender sender) {
        return sender.asked.stream().map(asked -> String.valueOf(asked.authorization())).toList();
    }

    private static ScriptedSender.Reply basicChallenge() {
        return status(401, "WWW-Authenticate", "Basic realm=\"registry\"");
    }

    private ScriptedSender.Reply bearerChallenge() {
        return status(401, "WWW-Authenticate", "Bearer realm=\"" + tokens.url("/token") + "\",service=\"registry\"");
    }

    private static final CredentialSource USER = new StaticCredentials(new Credentials("user", "pass", "--creds"),
            CredentialSource.ANONYMOUS);

    @Test
    void aChallengeIsAnsweredByOneResendWithTheCredentialsItAsksFor() throws Exception {
        ScriptedSender sender = new ScriptedSender(basicChallenge(), status(200));

        Answer answer = exchange("registry.example.com", USER, sender);

        assertEquals(200, answer.response().code());
        assertEquals(List.of("null", BASIC), authorizations(sender));
    }

    @Test
    void a401ToTheResendIsTheAnswer() throws Exception {
        tokens.enqueue(new MockResponse().setBody("{\"token\":\"t1\"}"));
        ScriptedSender sender = new ScriptedSender(bearerChallenge(), bearerChallenge(), status(200));

        Answer answer = exchange(true, "registry.example.com", CredentialSource.ANONYMOUS, sender);

        assertEquals(401, answer.response().code());
        assertEquals(List.of("null", "Bearer t1"), authorizations(sender));
    }

    @Test
    void withoutCredentialsABasicChallengeIsNotResent() throws Exception {
        ScriptedSender sender = new ScriptedSender(basicChallenge(), status(200));

        Answer answer = exchange("registry.example.com", CredentialSource.ANONYMOUS, sender);

        assertEquals(401, answer.response().code());
        assertEquals(1, sender.asked.size());
    }

    @Test
    void theProbesAnonymous401DoesNotUseUpTheOneResend() throws Exception {
        tokens.enqueue(new MockResponse().setBody("{\"token\":\"t1\"}"));
        tokens.enqueue(new MockResponse().setBody("{\"token\":\"t2\"}"));
        ScriptedSender sender = new ScriptedSender(bearerChallenge(), bearerChallenge(), bearerChallenge(), status(200));

        Answer answer = exchange("localhost:5000", CredentialSource.ANONYMOUS, sender);

        assertEquals(401, answer.response().code(), "the probe, then the request and its one resend");
        assertEquals(List.of("null", "Bearer t1", "Bearer t2"), authorizations(sender));
        assertEquals(List.of(true, false, false), sender.asked.stream().map(ScriptedSender.Asked::probe).toList());
    }

    @Test
    void a401ThatAnotherHostSentIsNotAChallengeOfTheEndpoint() throws Exception {
        ScriptedSender sender = new ScriptedSender(
                url -> basicChallenge().to(HttpUrl.get("https://storage.example.com/blob")),
                status(200));

        Answer answer = exchange("registry.example.com", USER, sender);

        assertEquals(401, answer.response().code());
        assertEquals(1, sender.asked.size());
    }
}
