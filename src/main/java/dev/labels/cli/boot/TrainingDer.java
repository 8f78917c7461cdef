package dev.labels.cli.boot;

import dev.labels.registry.tls.Der;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Just enough ASN.1 DER (ITU-T X.690) to write the training registry's X.509 certificates (RFC 5280): each
 * method returns one complete element, and constructed ones take their parts already encoded. The JDK reads
 * certificates but has no public API to write one, and the main code takes no library for it.
 */
final class TrainingDer {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private TrainingDer() {
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(0x30, parts);
    }

    /** A SET of one element (DER orders a SET OF by encoding; with one element there is nothing to order). */
    static byte[] set(byte[] element) {
        return tlv(0x31, element);
    }

    static byte[] integer(BigInteger value) {
        // Two's complement in the fewest bytes, as X.690 8.3.2 asks: what toByteArray gives.
        return tlv(0x02, value.toByteArray());
    }

    static byte[] bool(boolean value) {
        return tlv(0x01, new byte[] {(byte) (value ? 0xFF : 0x00)});
    }

    static byte[] nothing() {
        return tlv(0x05);
    }

    /** An OBJECT IDENTIFIER from its dotted form: the first two arcs in one number, each arc base 128. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, Long.parseLong(arcs[i]));
        }
        return tlv(0x06, out.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = 1;
        while (groups < 10 && value >>> (7 * groups) != 0) {
            groups++;
        }
        for (int i = groups - 1; i >= 0; i--) {
            int group = (int) (value >>> (7 * i)) & 0x7F;
            out.write(i > 0 ? group | 0x80 : group);
        }
    }

    static byte[] utf8String(String text) {
        return tlv(0x0C, text.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 5280 4.1.2.5: UTCTime for the years 1950 to 2049, GeneralizedTime otherwise, in whole seconds. */
    static byte[] time(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        boolean utcTime = utc.getYear() >= 1950 && utc.getYear() < 2050;
        String text = (utcTime ? UTC_TIME : GENERALIZED_TIME).format(utc);
        return tlv(utcTime ? 0x17 : 0x18, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A BIT STRING of whole bytes (a signature, a public key). */
    static byte[] bitString(byte[] bytes) {
        return bitString(bytes, 0);
    }

    /** @param unused how many of the last byte's low bits are not part of the string (named bits: X.690 11.2.2) */
    static byte[] bitString(byte[] bytes, int unused) {
        byte[] content = new byte[bytes.length + 1];
        content[0] = (byte) unused;
        System.arraycopy(bytes, 0, content, 1, bytes.length);
        return tlv(0x03, content);
    }

    static byte[] octetString(byte[] bytes) {
        return tlv(0x04, bytes);
    }

    /** {@code [number] EXPLICIT}: the element wrapped in a constructed context-specific tag. */
    static byte[] explicit(int number, byte[] element) {
        return tlv(0xA0 | number, element);
    }

    /** {@code [number] IMPLICIT} of a primitive type: its content under a context-specific tag. */
    static byte[] implicit(int number, byte[] content) {
        return tlv(0x80 | number, content);
    }

    /** One element: tag, definite length, content. */
    static byte[] tlv(int tag, byte[]... parts) {
        return Der.tlv(tag, parts);
    }
}
