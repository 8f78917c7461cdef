package dev.labels.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.TrickyLabels;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PropertiesWriterTest {

    private static SortedMap<String, String> awkwardKeysToo() {
        SortedMap<String, String> labels = new TreeMap<>(TrickyLabels.VALUES);
        labels.putAll(TrickyLabels.many(300));
        labels.put("key with spaces", "v");
        labels.put("key=with:separators#and!marks", "v");
        labels.put(" leading.space.key", " leading space value");
        labels.put("#looks.like.a.comment", "!also");
        labels.put("", "empty key");
        labels.put("tab\tkey\nnewline", "x");
        return labels;
    }

    @Test
    void propertiesLoadFromAReaderGivesEveryValueBack() throws Exception {
        SortedMap<String, String> labels = awkwardKeysToo();
        Properties loaded = new Properties();

        loaded.load(new StringReader(new PropertiesWriter().write(labels)));

        assertEquals(labels, asMap(loaded));
    }

    @Test
    void propertiesLoadFromAStreamReadsTheSameBecauseOutputIsAscii() throws Exception {
        SortedMap<String, String> labels = awkwardKeysToo();
        String written = new PropertiesWriter().write(labels);
        Properties loaded = new Properties();

        loaded.load(new ByteArrayInputStream(written.getBytes(StandardCharsets.ISO_8859_1)));

        assertTrue(written.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n'), "printable ASCII lines only");
        assertEquals(labels, asMap(loaded));
    }

    @Test
    void outputIsSortedOneLinePerLabelWithNoDateComment() {
        SortedMap<String, String> labels = new TreeMap<>(Map.of("b", "2", "a", "1", "c", "multi\nline"));

        String written = new PropertiesWriter().write(labels);

        assertEquals("a=1\nb=2\nc=multi\\nline\n", written);
        assertFalse(written.contains("#"));
    }

    @Test
    void printableAsciiIsWrittenAsItIsAndEverythingOutsideItAsItsCode() {
        SortedMap<String, String> labels = new TreeMap<>(Map.of("k", "~{}\u007f\u001f\u00e9"));

        assertEquals("k=~{}\\u007f\\u001f\\u00e9\n", new PropertiesWriter().write(labels));
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
