package dev.labels.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class RequestLoggerTest {

    @Test
    void presignedUrlSignaturesAndUserInfoAreRedacted() {
        HttpUrl url = HttpUrl.get("https://user:pw@bucket.s3.example.com/blob?X-Amz-Signature=abc&X-Amz-Credential=k"
                + "&X-Amz-Date=20260101&token=t");

        assertEquals("https://bucket.s3.example.com/blob?X-Amz-Signature=REDACTED&X-Amz-Credential=REDACTED"
                + "&X-Amz-Date=20260101&token=REDACTED", RequestLogger.redact(url));
    }
}
