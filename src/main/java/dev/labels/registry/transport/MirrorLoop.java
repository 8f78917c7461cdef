package dev.labels.registry.transport;

import dev.labels.error.LabelsException.Kind;
import dev.labels.text.UrlRedaction;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;

/**
 * Tries a registry's endpoints in order, mirrors first. A mirror that cannot be reached, fails (5xx) or lacks
 * the image (404, MANIFEST_UNKNOWN, NAME_UNKNOWN) gives way to the next endpoint, as containerd and Docker do;
 * anything else (refused credentials, rate limits, a malformed answer) is the answer. A mirror that could not
 * be reached at all is skipped by later requests ({@link Endpoints#markUnreachable}).
 */
final class MirrorLoop {
    /** A request to one endpoint: its successful answer, or why it failed. */
    @FunctionalInterface
    interface Attempt {
        Response on(Endpoint endpoint) throws RegistryException;
    }

    private final Endpoints endpoints;
    /** -v: say when a mirror is skipped (the "labels" loggers are at debug level, so this must be gated here). */
    private final boolean verbose;

    MirrorLoop(Endpoints endpoints, boolean verbose) {
        this.endpoints = endpoints;
        this.verbose = verbose;
    }

    /** The first endpoint's answer that is the answer; a failure after mirrors says how each of them failed. */
    Response firstAnswer(RegistryCall call, Attempt attempt) throws RegistryException {
        List<Endpoint> candidates = endpoints.resolve(call.registry());
        List<String> mirrorFailures = new ArrayList<>();
        for (int i = 0; ; i++) {
            Endpoint endpoint = candidates.get(i);
            try {
                return attempt.on(endpoint);
            } catch (RegistryException e) {
                if (i == candidates.size() - 1 || !worthTheNextEndpoint(e) || call.deadline().expired()) {
                    throw afterMirrors(call.operation(), e, mirrorFailures);
                }
                mirrorFailures.add(passOver(endpoint, e));
            }
        }
    }

    private static boolean worthTheNextEndpoint(RegistryException e) {
        return e.kind() == Kind.NETWORK || e.kind() == Kind.NOT_FOUND
                || (e.kind() == Kind.REGISTRY_ERROR && e.httpStatus() >= 500);
    }

    /** Notes a mirror that failed and gave way: "MIRROR: DETAIL", for the error should every endpoint fail. */
    private String passOver(Endpoint mirror, RegistryException e) {
        if (e.kind() == Kind.NETWORK) {
            endpoints.markUnreachable(mirror);
        }
        String shown = UrlRedaction.redact(mirror.base().toString());
        if (verbose) {
            HttpLog.debug("mirror {} failed, trying the next endpoint: {}", shown, e.detail());
        }
        return shown + ": " + e.detail();
    }

    private static RegistryException afterMirrors(Operation operation, RegistryException last, List<String> mirrorFailures) {
        if (mirrorFailures.isEmpty()) {
            return last;
        }
        return operation.fail(last.kind(), last.detail() + " (after mirrors: " + String.join("; ", mirrorFailures) + ")",
                last.httpStatus(), last);
    }
}
