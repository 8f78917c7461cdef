package dev.labels.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.reference.InvalidReferenceException;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where PATH ends, what the tag or digest is: a table, with the disk faked by a set of existing paths. */
class ArchiveReferenceTest {
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    private static final Set<String> EXISTING = Set.of("build/layout", "/builds/a:b/layout", "app.tar",
            "/ci/job@2/app.tar", "odd:name");

    private static ArchiveReference parse(String text) throws InvalidReferenceException {
        return ArchiveReference.parse(text.replace("DIGEST", DIGEST), EXISTING::contains);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // reference                                   | transport      | path                | tag                       | digest
        "oci:build/layout                              | OCI            | build/layout        | -                         | -",
        "oci:build/layout:87-2b51c14                   | OCI            | build/layout        | 87-2b51c14                | -",
        "oci:/builds/a:b/layout:1                      | OCI            | /builds/a:b/layout  | 1                         | -",
        "oci:/builds/a:b/layout                        | OCI            | /builds/a:b/layout  | -                         | -",
        "oci:odd:name                                  | OCI            | odd:name            | -                         | -",
        "oci:build/layout@DIGEST                       | OCI            | build/layout        | -                         | DIGEST",
        "oci:build/layout:1@DIGEST                     | OCI            | build/layout        | 1                         | DIGEST",
        "oci:missing/layout:1                          | OCI            | missing/layout      | 1                         | -",
        "oci:/missing/a:b/layout                       | OCI            | /missing/a:b/layout | -                         | -",
        "oci-archive:app.tar                           | OCI_ARCHIVE    | app.tar             | -                         | -",
        "oci-archive:app.tar:v1                        | OCI_ARCHIVE    | app.tar             | v1                        | -",
        "oci-archive:/ci/job@2/app.tar:v1              | OCI_ARCHIVE    | /ci/job@2/app.tar   | v1                        | -",
        "docker-archive:app.tar                        | DOCKER_ARCHIVE | app.tar             | -                         | -",
        "docker-archive:app.tar:alpine:3               | DOCKER_ARCHIVE | app.tar             | alpine:3                  | -",
        "docker-archive:app.tar:docker.io/library/a:3  | DOCKER_ARCHIVE | app.tar             | docker.io/library/a:3     | -",
        "docker-archive:gone.tar:localhost:5000/a:1    | DOCKER_ARCHIVE | gone.tar            | localhost:5000/a:1        | -",
        "docker-archive:app.tar:@2                     | DOCKER_ARCHIVE | app.tar             | @2                        | -",
    })
    void splitsPathTagAndDigest(String text, Transport transport, String path, String tag, String digest)
            throws InvalidReferenceException {
        ArchiveReference reference = parse(text);

        assertEquals(transport, reference.transport());
        assertEquals(path, reference.path());
        assertEquals(tag, reference.tag());
        assertEquals(digest == null ? null : DIGEST, reference.digest());
        assertEquals(text.replace("DIGEST", DIGEST), reference.toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "oci:                                   | no path after oci:",
        "oci-archive:@DIGEST                    | no path after oci-archive:",
        "oci:build/layout:                      | nothing after the ':' that ends the path",
        "oci:build/layout@sha256:abc            | invalid digest: sha256 needs exactly 64",
        "docker-archive:app.tar@DIGEST          | docker-archive: picks an image by name, not by digest",
        "docker-archive:app.tar:Not/Valid       | invalid image name \"Not/Valid\" after the file",
    })
    void rejectsWhatCannotBeAReference(String text, String reason) {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> parse(text));

        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
