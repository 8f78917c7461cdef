package dev.labels.cli.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The DER writer against encodings worked out by hand from X.690 and the OIDs' registered DER forms. */
class TrainingDerTest {

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("empty element, short length", TrainingDer.tlv(0x04), "0400"),
                Arguments.of("127 bytes: the longest short-form length", TrainingDer.octetString(new byte[127]),
                        "047f" + "00".repeat(127)),
                Arguments.of("128 bytes: one length byte", TrainingDer.octetString(new byte[128]),
                        "048180" + "00".repeat(128)),
                Arguments.of("256 bytes: two length bytes", TrainingDer.octetString(new byte[256]),
                        "04820100" + "00".repeat(256)),
                Arguments.of("65536 bytes: three length bytes", TrainingDer.octetString(new byte[65536]),
                        "0483010000" + "00".repeat(65536)),
                Arguments.of("integer 0", TrainingDer.integer(BigInteger.ZERO), "020100"),
                Arguments.of("integer 2 (version v3)", TrainingDer.integer(BigInteger.TWO), "020102"),
                Arguments.of("integer 127", TrainingDer.integer(BigInteger.valueOf(127)), "02017f"),
                Arguments.of("integer 128 needs a leading zero to stay positive",
                        TrainingDer.integer(BigInteger.valueOf(128)), "02020080"),
                Arguments.of("integer 256", TrainingDer.integer(BigInteger.valueOf(256)), "02020100"),
                Arguments.of("true", TrainingDer.bool(true), "0101ff"),
                Arguments.of("false", TrainingDer.bool(false), "010100"),
                Arguments.of("null", TrainingDer.nothing(), "0500"),
                Arguments.of("sha256WithRSAEncryption", TrainingDer.oid("1.2.840.113549.1.1.11"),
                        "06092a864886f70d01010b"),
                Arguments.of("commonName", TrainingDer.oid("2.5.4.3"), "0603550403"),
                Arguments.of("subjectAltName", TrainingDer.oid("2.5.29.17"), "0603551d11"),
                Arguments.of("id-kp-serverAuth", TrainingDer.oid("1.3.6.1.5.5.7.3.1"), "06082b06010505070301"),
                Arguments.of("an arc of 2^28 takes five groups", TrainingDer.oid("1.2.268435456"),
                        "06062a8180808000"),
                Arguments.of("UTF8String", TrainingDer.utf8String("é"), "0c02c3a9"),
                Arguments.of("UTCTime up to 2049", TrainingDer.time(Instant.parse("2049-12-31T23:59:59.900Z")),
                        "170d" + hex("491231235959Z")),
                Arguments.of("GeneralizedTime from 2050", TrainingDer.time(Instant.parse("2050-01-01T00:00:00Z")),
                        "180f" + hex("20500101000000Z")),
                Arguments.of("GeneralizedTime before 1950", TrainingDer.time(Instant.parse("1949-06-01T12:00:00Z")),
                        "180f" + hex("19490601120000Z")),
                Arguments.of("BIT STRING of whole bytes", TrainingDer.bitString(new byte[] {1, 2}), "0303000102"),
                Arguments.of("named bits digitalSignature, keyEncipherment",
                        TrainingDer.bitString(new byte[] {(byte) 0xA0}, 5), "030205a0"),
                Arguments.of("SEQUENCE of its parts", TrainingDer.sequence(TrainingDer.nothing(), TrainingDer.bool(true)),
                        "30050500" + "0101ff"),
                Arguments.of("SET of one", TrainingDer.set(TrainingDer.nothing()), "31020500"),
                Arguments.of("[0] EXPLICIT", TrainingDer.explicit(0, TrainingDer.integer(BigInteger.TWO)), "a003020102"),
                Arguments.of("[3] EXPLICIT", TrainingDer.explicit(3, TrainingDer.sequence()), "a3023000"),
                Arguments.of("[7] IMPLICIT iPAddress", TrainingDer.implicit(7, new byte[] {127, 0, 0, 1}),
                        "87047f000001"),
                Arguments.of("[2] IMPLICIT dNSName", TrainingDer.implicit(2, "a".getBytes(StandardCharsets.US_ASCII)),
                        "820161"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void encodes(String what, byte[] encoded, String expected) {
        assertEquals(expected, HexFormat.of().formatHex(encoded));
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
