package dev.labels.registry.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder in the layout of Docker's {@code /etc/docker/certs.d/HOST[:PORT]/} (Docker docs, "Verify repository
 * client with certificates"; docker/go-connections ReadCertsDirectory):
 * <ul>
 *   <li>{@code *.crt}: CA certificates to trust for the registry;</li>
 *   <li>{@code NAME.cert} with {@code NAME.key}: a client certificate and its key, for registries that
 *       require mutual TLS. A {@code .cert} without its {@code .key}, or the other way round, is an error, as in
 *       Docker: it is almost always a CA saved with the wrong extension.</li>
 * </ul>
 */
record CertsDirectory(List<X509Certificate> authorities, List<ClientIdentity> identities) {
    static final CertsDirectory EMPTY = new CertsDirectory(List.of(), List.of());

    static CertsDirectory read(Path folder) throws TlsException {
        Set<String> names;
        try (Stream<Path> files = Files.list(folder)) {
            names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        } catch (IOException e) {
            throw new TlsException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        List<X509Certificate> authorities = new ArrayList<>();
        List<ClientIdentity> identities = new ArrayList<>();
        for (String name : names) {
            Path file = folder.resolve(name);
            if (name.endsWith(".crt")) {
                authorities.addAll(CertificateFiles.certificates(file));
            } else if (name.endsWith(".cert")) {
                String key = name.substring(0, name.length() - ".cert".length()) + ".key";
                if (!names.contains(key)) {
                    throw new TlsException("missing key " + key + " for client certificate " + file
                            + " (CA certificates must use the extension .crt)");
                }
                identities.add(new ClientIdentity(CertificateFiles.privateKey(folder.resolve(key)),
                        CertificateFiles.certificates(file), file.toString()));
            } else if (name.endsWith(".key")) {
                String cert = name.substring(0, name.length() - ".key".length()) + ".cert";
                if (!names.contains(cert)) {
                    throw new TlsException("missing client certificate " + cert + " for key " + file);
                }
            }
        }
        return new CertsDirectory(List.copyOf(authorities), List.copyOf(identities));
    }
}
