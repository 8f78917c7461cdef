package dev.labels.archive;

/**
 * A regular file in a tar: its normalized name and where its bytes are.
 *
 * @param name   see {@link #normalize(String)}
 * @param offset where the body starts, counted from the start of the (uncompressed) tar
 * @param size   the body's length
 */
record TarEntry(String name, long offset, long size) {

    /**
     * The name as {@link ImageFiles} compares it: {@code ./index.json}, {@code /index.json} and
     * {@code index.json} are one file; empty and {@code .} segments are dropped. Nothing is extracted, so
     * {@code ..} needs no defence; it is kept as is and simply matches nothing we look for.
     */
    static String normalize(String name) {
        StringBuilder normalized = new StringBuilder(name.length());
        for (String segment : name.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (normalized.length() > 0) {
                normalized.append('/');
            }
            normalized.append(segment);
        }
        return normalized.toString();
    }
}
