package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FakeRegistry;
import dev.labels.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code labels config}: the stored bytes, not a re-serialisation of them. */
class ConfigCliTest {
    private FakeRegistry fake;

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void configIsPrintedExactlyAsStoredWithoutANewlineOrReformatting() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        ByteArrayOutputStream config = new ByteArrayOutputStream();
        config.write(("{ \"os\" : \"linux\",\n\t\"architecture\":\"amd64\", \"config\": {\"Labels\": "
                + "{\"z\": \"\\u00e9\\n\", \"a\": \"").getBytes(StandardCharsets.UTF_8));
        config.write(new byte[] {(byte) 0xc3, (byte) 0xa9}); // a raw é next to the escaped one above
        config.write("\"}}}   \r\n".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = config.toByteArray();
        fake.putBlob(bytes);
        fake.putManifest("team/app", "1", TestImages.DOCKER_V2,
                TestImages.manifest(TestImages.DOCKER_V2, TestImages.DOCKER_CONFIG, bytes));

        CliRun run = CliRun.run("config", fake.host() + "/team/app:1", "--mirror", fake.plainHttpMirror(), "--no-cache");

        assertEquals(0, run.exitCode(), run::toString);
        assertArrayEquals(bytes, run.stdoutBytes());
        assertEquals("", run.stderr());
    }

    @Test
    void aSchemaOneImageHasNoConfigBlobAndSaysSo() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        byte[] schema1 = ("{\"schemaVersion\":1,\"name\":\"team/app\",\"tag\":\"1\",\"architecture\":\"amd64\","
                + "\"history\":[{\"v1Compatibility\":\"{\\\"os\\\":\\\"linux\\\",\\\"config\\\":{\\\"Labels\\\":{\\\"a\\\":\\\"1\\\"}}}\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        fake.putManifest("team/app", "1", "application/vnd.docker.distribution.manifest.v1+json", schema1);

        CliRun run = CliRun.run("config", fake.host() + "/team/app:1", "--mirror", fake.plainHttpMirror(), "--no-cache");

        assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
        assertEquals("", run.stdout());
        assertTrue(run.stderr().contains("schema 1 image keeps its config inside the manifest"), run.stderr());
    }
}
