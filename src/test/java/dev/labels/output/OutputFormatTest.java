package dev.labels.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which formats hold one image's labels only, and which are JSON. */
class OutputFormatTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "json,       false, true",
        "ndjson,     false, true",
        "env,        true,  false",
        "properties, true,  false",
        "table,      false, false",
    })
    void shellAndPropertiesFormatsHoldOneImageAndTheJsonFormatsAreJson(OutputFormat format, boolean singleImageOnly,
                                                                      boolean json) {
        assertEquals(singleImageOnly, format.singleImageOnly());
        assertEquals(json, format.isJson());
    }
}
