package dev.labels.registry.auth;

import okhttp3.HttpUrl;

/**
 * What a challenge must pass before the authorizer acts on it, under the options of this run: the same checks
 * for a registry's live 401 and for a note an earlier run left in the cache, so that a note (which anyone who
 * could write the cache folder may have written, or a run with {@code --insecure}) can never send credentials
 * where a live answer could not.
 */
final class ChallengeCheck {

    private ChallengeCheck() {
    }

    /**
     * @throws AuthException a Bearer realm that is not an http(s) URL, or a plain-HTTP realm for an HTTPS endpoint
     *                       that was not allowed plain HTTP: a token fetched over plain HTTP can be read and reused
     *                       by anyone on the way, and so can the credentials sent for it
     */
    static void check(Challenge challenge, AuthTarget target) throws AuthException {
        if (challenge.scheme() != Challenge.Scheme.BEARER) {
            return;
        }
        HttpUrl realm = TokenClient.realmUrl(challenge);
        if (target.base().isHttps() && !realm.isHttps() && !target.allowsPlainHttpRealm()) {
            throw AuthException.plainHttpRealm(target.base().host(), realm.host());
        }
    }

    /** As {@link #check}, as a yes or no: for notes, which are dropped rather than reported. */
    static boolean passes(Challenge challenge, AuthTarget target) {
        try {
            check(challenge, target);
            return true;
        } catch (AuthException e) {
            return false;
        }
    }
}
