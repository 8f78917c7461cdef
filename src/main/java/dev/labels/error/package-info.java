/**
 * The one error model: {@link dev.labels.error.LabelsException} and its kinds. Depends on the JDK only and sits
 * below every other package, {@code reference} included, so that any of them may throw a LabelsException.
 */
package dev.labels.error;
