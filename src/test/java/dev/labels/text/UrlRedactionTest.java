package dev.labels.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlRedactionTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        // user information, with and without a password
        "http://user:pass@mirror.example:5000/v2/      | http://REDACTED@mirror.example:5000/v2/",
        "https://token@mirror.example/                 | https://REDACTED@mirror.example/",
        "https://a:b@c@mirror.example/x                | https://REDACTED@mirror.example/x",
        // every query value but the registry API's own harmless ones
        "https://s3.example/b?X-Amz-Signature=s&X-Amz-Credential=c&X-Amz-Security-Token=t&X-Amz-Date=d"
            + " | https://s3.example/b?X-Amz-Signature=REDACTED&X-Amz-Credential=REDACTED"
            + "&X-Amz-Security-Token=REDACTED&X-Amz-Date=REDACTED",
        "https://hub.example/blob?verify=abc&expires=1  | https://hub.example/blob?verify=REDACTED&expires=REDACTED",
        "https://az.example/b?sv=1&se=2&sp=r&sr=b&sig=s | https://az.example/b?sv=REDACTED&se=REDACTED&sp=REDACTED"
            + "&sr=REDACTED&sig=REDACTED",
        "https://cf.example/b?Expires=1&Key-Pair-Id=k&Policy=p&Signature=s | https://cf.example/b?Expires=REDACTED"
            + "&Key-Pair-Id=REDACTED&Policy=REDACTED&Signature=REDACTED",
        "https://gcs.example/b?X-Goog-Signature=s&X-Goog-Credential=c | https://gcs.example/b?X-Goog-Signature=REDACTED"
            + "&X-Goog-Credential=REDACTED",
        "https://x.example/b?access_token=t&token=u     | https://x.example/b?access_token=REDACTED&token=REDACTED",
        "https://x.example/b?justasecret                | https://x.example/b?REDACTED",
        "https://x.example/b?a=&b                       | https://x.example/b?a=REDACTED&REDACTED",
        // kept: tag pages and token scopes, which carry no secret and help read a -v log
        "http://r.example/v2/a/tags/list?n=100&last=v1  | http://r.example/v2/a/tags/list?n=100&last=v1",
        "https://auth.example/token?service=s&scope=repository:a:pull&account=bob"
            + " | https://auth.example/token?service=s&scope=repository:a:pull&account=REDACTED",
        // a fragment can hold a token too
        "https://x.example/cb#access_token=t            | https://x.example/cb#REDACTED",
        // nothing to hide
        "https://registry-1.docker.io/v2/library/alpine/manifests/3.20 | "
            + "https://registry-1.docker.io/v2/library/alpine/manifests/3.20",
        "HTTPS://U:P@HOST/                              | HTTPS://REDACTED@HOST/",
    })
    void aUrlKeepsWhereItLeadsAndLosesItsSecrets(String url, String redacted) {
        assertEquals(redacted, UrlRedaction.redact(url));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "mirror http://u:p@m.example/ failed; next   | mirror http://REDACTED@m.example/ failed; next",
        "to \"https://s.example/b?sig=x\" (refused)   | to \"https://s.example/b?sig=REDACTED\" (refused)",
        "a http://a:b@one/ and ftp://c:d@two/x?k=v    | a http://REDACTED@one/ and ftp://REDACTED@two/x?k=REDACTED",
        "no url here, only a:b@c and ?x=y            | no url here, only a:b@c and ?x=y",
    })
    void everyUrlInATextIsRedacted(String text, String redacted) {
        assertEquals(redacted, UrlRedaction.inText(text));
    }
}
