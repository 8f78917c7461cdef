package dev.labels.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageExceptionTest {

    @Test
    void allErrorsAreCheckedAndShareTheBase() {
        for (Class<?> type : List.of(MalformedImageException.class, DigestMismatchException.class,
                PlatformNotFoundException.class, InvalidPlatformException.class)) {
            assertTrue(ImageException.class.isAssignableFrom(type), type.getName());
            assertFalse(RuntimeException.class.isAssignableFrom(type), type.getName());
        }
        assertTrue(java.lang.reflect.Modifier.isAbstract(ImageException.class.getModifiers()));
    }

    @Test
    void messagesAreForcedOntoOneLine() {
        assertEquals("bad thing: line two tab", new MalformedImageException("bad thing:\nline two\r\n\ttab\n").getMessage());
        assertEquals("invalid platform \"linux/ amd64\": x",
                new InvalidPlatformException("linux/\namd64", "x").getMessage());
    }
}
