package dev.labels.registry.tls;

import java.io.ByteArrayOutputStream;

/**
 * Just enough ASN.1 DER (ITU-T X.690) to re-wrap the private keys openssl writes into the PKCS#8 form the
 * JDK reads, to find a certificate's subject without parsing it, and to write the training run's certificates:
 * writing a TLV, and walking the elements of a SEQUENCE.
 */
public final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** SEC1 ECPrivateKey's {@code parameters [0]}. */
    static final int CONTEXT_0 = 0xA0;

    /** One element: its tag and where its content is in the input. */
    record Element(int tag, int start, int length, byte[] input) {
        int end() {
            return start + length;
        }

        byte[] content() {
            byte[] out = new byte[length];
            System.arraycopy(input, start, out, 0, length);
            return out;
        }
    }

    private Der() {
    }

    /** Encodes one element: tag, definite length (short form below 128, else long form), content. */
    public static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    /** Reads the element at {@code offset}; throws IllegalArgumentException when the input is not DER. */
    static Element read(byte[] input, int offset) {
        if (offset + 2 > input.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        int tag = input[offset] & 0xFF;
        int first = input[offset + 1] & 0xFF;
        int position = offset + 2;
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int bytes = first & 0x7F;
            if (bytes == 0 || bytes > 4 || position + bytes > input.length) {
                throw new IllegalArgumentException("unsupported DER length");
            }
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (input[position++] & 0xFF);
            }
        }
        if (length < 0 || length > input.length - position) {
            throw new IllegalArgumentException("truncated DER");
        }
        return new Element(tag, position, length, input);
    }
}
