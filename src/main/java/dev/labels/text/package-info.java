/**
 * Text that came from outside (a registry, a header, a file, a label, a tag) made fit to print.
 * {@link dev.labels.text.SafeText} is the one choke point every printed diagnostic and every table cell goes
 * through: controls escaped, length bounded, and the secrets of URLs removed by
 * {@link dev.labels.text.UrlRedaction}, the one redaction of URLs that logging and errors use.
 *
 * <p>Depends on the JDK only, so every other package may use it.
 */
package dev.labels.text;
