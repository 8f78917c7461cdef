/**
 * Image reference parsing and normalization, following the rules Docker applies.
 *
 * <p>The grammar comes from the Docker/distribution reference library
 * (github.com/distribution/reference, {@code regexp.go} for the syntax and
 * {@code normalize.go} for how "familiar" names such as {@code alpine} become
 * {@code docker.io/library/alpine:latest}). Digests follow the OCI image spec
 * (image-spec {@code descriptor.md}, "Digests").
 *
 * <p>The public types are {@link dev.labels.reference.ImageReference},
 * {@link dev.labels.reference.InvalidReferenceException} and
 * {@link dev.labels.reference.DigestGrammar}, the digest grammar every other package checks
 * digests with; everything else is an implementation detail. This package depends on the JDK and
 * {@code dev.labels.error} (the base of its exception) only.
 */
package dev.labels.reference;
