package dev.labels.registry.tls;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blocks of a PEM file (RFC 7468): {@code -----BEGIN TYPE-----}, base64, {@code -----END TYPE-----}.
 * Text between blocks is ignored, as openssl does (certificate bundles often carry comments). OpenSSL's
 * legacy encrypted keys carry RFC 1421 headers ({@code Proc-Type: 4,ENCRYPTED}); those are noted, not decrypted.
 */
final class Pem {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    /** One block: its type ({@code CERTIFICATE}, {@code RSA PRIVATE KEY}), its DER bytes, and whether it is encrypted. */
    record Block(String type, byte[] der, boolean encrypted) {
    }

    private Pem() {
    }

    /** Throws IllegalArgumentException when a block's body is not base64. */
    static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            StringBuilder base64 = new StringBuilder();
            boolean encrypted = false;
            for (String line : matcher.group(2).split("\\R")) {
                if (line.contains(":")) {
                    encrypted |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
                    continue;
                }
                base64.append(line.strip());
            }
            String type = matcher.group(1);
            blocks.add(new Block(type, Base64.getDecoder().decode(base64.toString()),
                    encrypted || type.startsWith("ENCRYPTED")));
        }
        return blocks;
    }
}
