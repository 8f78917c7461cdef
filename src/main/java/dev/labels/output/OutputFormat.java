package dev.labels.output;

/** {@code -o/--output}: how labels and records are printed. */
public enum OutputFormat {
    /** One JSON document: the labels object for one image, an array of records for several. */
    json,
    /** One JSON record per line, in input order, each printed as soon as it is known. */
    ndjson,
    /** {@code NAME='value'} lines for eval or source (one image only); see {@link EnvWriter}. */
    env,
    /** A Java properties file (one image only); see {@link PropertiesWriter}. */
    properties,
    /** Aligned columns for people: KEY and VALUE, or REFERENCE, PLATFORM, KEY and VALUE for several images. */
    table;

    /** Formats that hold the labels of one image only: a second image would overwrite the first's names. */
    public boolean singleImageOnly() {
        return this == env || this == properties;
    }

    public boolean isJson() {
        return this == json || this == ndjson;
    }
}
