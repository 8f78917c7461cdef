package dev.labels.testing;

import java.util.List;

/**
 * The standard fixtures as pushed under one prefix ({@code public} or {@code private}).
 *
 * @param dockerV2     {@code <prefix>/docker-v2:1}: Docker v2 manifest, labels with unicode, a newline,
 *                     quotes and {@code $(...)}, and an empty value
 * @param dockerV2Tag2 {@code <prefix>/docker-v2:2}: the same image with one label changed
 * @param oci          {@code <prefix>/oci:1}: OCI manifest and config
 * @param multi        {@code <prefix>/multi:1}: Docker manifest list, linux/amd64 and linux/arm64/v8
 * @param ociIndex     {@code <prefix>/oci-index:1}: OCI index whose first entry is an attestation manifest,
 *                     then linux/amd64 and linux/arm64
 * @param noLabels     {@code <prefix>/nolabels:1}: config with {@code "Labels": null}
 */
public record FixtureSet(String prefix, FixtureImage dockerV2, FixtureImage dockerV2Tag2, FixtureImage oci,
                         FixtureImage multi, FixtureImage ociIndex, FixtureImage noLabels) {

    /** Every fixture, single-platform ones first. */
    public List<FixtureImage> all() {
        return List.of(dockerV2, dockerV2Tag2, oci, noLabels, multi, ociIndex);
    }
}
