package dev.labels.registry.auth;

import okhttp3.HttpUrl;

/** A challenge, and whether the endpoint's own 401 sent it in this run or a note of an earlier run recalls it. */
record KnownChallenge(Challenge challenge, boolean live) {

    /**
     * Whether a request may authenticate on the strength of this alone: a live challenge, Basic (which goes
     * to the endpoint itself), or a realm on the endpoint's own host and port. A note naming a realm
     * elsewhere may only send a kept token back to the endpoint; a fetch waits for the endpoint's own 401.
     */
    boolean enoughFor(AuthTarget target) {
        if (live || challenge.scheme() == Challenge.Scheme.BASIC) {
            return true;
        }
        HttpUrl realm = HttpUrl.parse(challenge.realm());
        return realm != null && realm.host().equals(target.base().host()) && realm.port() == target.base().port();
    }
}
