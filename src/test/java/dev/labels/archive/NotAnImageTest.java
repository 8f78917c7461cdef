package dev.labels.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.labels.testing.ManifestShape;
import dev.labels.testing.OciLayoutBuilder;
import dev.labels.testing.TestArchives;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A layout may hold artifacts that are not images (Helm charts, SBOMs, signatures): reading one is a
 * NOT_AN_IMAGE failure naming its type, never an empty label map; images whose config type is unusual but an
 * image's are read.
 */
class NotAnImageTest {

    @TempDir
    Path temp;

    private final ArchiveImages archives = new ArchiveImages(OciLayoutImagesTest.AMD64);

    @ParameterizedTest
    @EnumSource(ManifestShape.class)
    void anArtifactIsNotAnImageByTagOrByDigest(ManifestShape shape) throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        ManifestShape.Built built = layout.add("1", shape);
        String path = "oci:" + TestArchives.folder(temp.resolve("layout"), layout.files());

        for (String reference : new String[] {path + ":1", path + "@" + built.digest()}) {
            if (shape.isImage()) {
                assertEquals(ManifestShape.IMAGE_LABELS, archives.resolve(reference, null).config().labels(), reference);
                continue;
            }
            ArchiveException e = assertThrows(ArchiveException.class, () -> archives.resolve(reference, null));

            assertEquals(ArchiveException.Kind.NOT_AN_IMAGE, e.kind(), e::getMessage);
            assertEquals("reading " + reference + ": not an image: an artifact of type \"" + shape.reportedType()
                    + "\"", e.getMessage());
        }
    }
}
