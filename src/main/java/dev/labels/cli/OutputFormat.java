package dev.labels.cli;

/** {@code -o/--output}: how records are printed. */
enum OutputFormat {
    /** One JSON document: the labels object for one image, an array of records for several. */
    json,
    /** One JSON record per line, in input order, each printed as soon as it is known. */
    ndjson
}
