package dev.labels.archive;

import dev.labels.reference.DigestGrammar;
import dev.labels.reference.ImageReference;
import dev.labels.reference.InvalidReferenceException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A reference to an image in a file or folder: {@code oci:PATH[:TAG]}, {@code oci:PATH@DIGEST},
 * {@code oci-archive:FILE[:TAG]}, {@code oci-archive:FILE@DIGEST}, {@code docker-archive:FILE[:REF]} or
 * {@code docker-archive:FILE:@N} (the N-th image of manifest.json, from 0, as skopeo writes it).
 *
 * <p>Where PATH ends: a path may itself contain ':' ({@code /builds/a:b/layout}) and a docker-archive REF
 * usually does ({@code app.tar:docker.io/library/alpine:3}), so no rule on the text alone gets every case.
 * The path is therefore the longest prefix ending before a ':' (or the whole text) that exists on disk. When
 * none exists, the text is split the way the error message will make sense: for OCI references at the last
 * ':' after the last '/' (a tag has no '/'), for docker-archive at the first ':' (as skopeo does; the REF may
 * hold ':' and '/'). skopeo itself always splits at the first ':' and refuses paths with ':'; every reference
 * skopeo accepts means the same here.
 *
 * @param transport which kind of file
 * @param path      the path as given (relative paths are relative to the working folder)
 * @param tag       for OCI: the {@code org.opencontainers.image.ref.name} to look for; for docker-archive:
 *                  the image name to look for in RepoTags; null when none was given
 * @param digest    for OCI: the digest of the manifest or index to read; null when none was given
 * @see <a href="https://github.com/containers/image/blob/main/docs/containers-transports.5.md">containers-transports(5)</a>
 */
public record ArchiveReference(Transport transport, String path, String tag, String digest) {

    /**
     * The shape of OCI descriptor.md's digests, which tells a digest after '@' from an '@' in a path; whether
     * it is one labels can use is {@link DigestGrammar}'s to say.
     */
    private static final Pattern DIGEST_SHAPE = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

    /** Parses a reference that starts with a {@link Transport} prefix, looking at the disk to place PATH's end. */
    public static ArchiveReference parse(String text) throws InvalidReferenceException {
        return parse(text, ArchiveReference::exists);
    }

    /** {@link #parse(String)} with the existence check given, for tests. */
    static ArchiveReference parse(String text, Predicate<String> exists) throws InvalidReferenceException {
        Transport transport = Transport.of(text)
                .orElseThrow(() -> new InvalidReferenceException(text, "expected oci:, oci-archive: or docker-archive:"));
        String rest = text.substring(transport.prefix().length());
        String digest = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0 && DIGEST_SHAPE.matcher(rest.substring(at + 1)).matches()) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            String problem = DigestGrammar.problem(digest);
            if (problem != null) {
                throw new InvalidReferenceException(text, problem);
            }
            if (transport == Transport.DOCKER_ARCHIVE) {
                throw new InvalidReferenceException(text, "docker-archive: picks an image by name, not by digest; "
                        + "a Docker 25+ archive is also an OCI layout: use oci-archive:FILE@DIGEST");
            }
        }
        if (rest.isEmpty()) {
            throw new InvalidReferenceException(text, "no path after " + transport.prefix());
        }
        int split = splitAt(transport, rest, exists);
        String path = split < 0 ? rest : rest.substring(0, split);
        String tag = split < 0 ? null : rest.substring(split + 1);
        if (path.isEmpty()) {
            throw new InvalidReferenceException(text, "no path after " + transport.prefix());
        }
        if (tag != null && tag.isEmpty()) {
            throw new InvalidReferenceException(text, "nothing after the ':' that ends the path");
        }
        if (tag != null && transport == Transport.DOCKER_ARCHIVE && !DockerArchive.isPosition(tag)) {
            try {
                ImageReference.parse(tag);
            } catch (InvalidReferenceException e) {
                throw new InvalidReferenceException(text, "invalid image name \"" + tag + "\" after the file: " + e.reason());
            }
        }
        return new ArchiveReference(transport, path, tag, digest);
    }

    /** The index of the ':' that ends the path, or -1 when the whole text is the path. */
    private static int splitAt(Transport transport, String rest, Predicate<String> exists) {
        if (exists.test(rest)) {
            return -1;
        }
        for (int colon = rest.lastIndexOf(':'); colon > 0; colon = rest.lastIndexOf(':', colon - 1)) {
            if (exists.test(rest.substring(0, colon))) {
                return colon;
            }
        }
        if (transport == Transport.DOCKER_ARCHIVE) {
            return rest.indexOf(':');
        }
        int colon = rest.lastIndexOf(':');
        return colon > rest.lastIndexOf('/') ? colon : -1;
    }

    private static boolean exists(String path) {
        try {
            return Files.exists(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The file or folder. */
    public Path file() {
        return Path.of(path);
    }

    /** This reference naming {@code tag}: for the name of an image found without one. */
    ArchiveReference withTag(String newTag) {
        return new ArchiveReference(transport, path, newTag, digest);
    }

    /** As written: {@code TRANSPORT:PATH[:TAG][@DIGEST]}. */
    @Override
    public String toString() {
        return transport.prefix() + path + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
