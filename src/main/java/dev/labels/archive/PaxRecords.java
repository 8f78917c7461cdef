package dev.labels.archive;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The body of a pax extended header (typeflag 'x'): records {@code "LENGTH KEY=VALUE\n"}, where LENGTH counts
 * the whole record in bytes, itself included. Only {@code path} and {@code size} matter here: they override
 * the next header's name (no 100-byte limit) and size (no 8 GiB limit).
 *
 * @see <a href="https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_03">POSIX pax Extended Header</a>
 */
final class PaxRecords {

    private PaxRecords() {
    }

    /** The records by key; a later record with the same key wins, as POSIX says. Null when malformed. */
    static Map<String, String> parse(byte[] body) {
        Map<String, String> records = new HashMap<>();
        int at = 0;
        while (at < body.length && body[at] != 0) {
            int space = at;
            long length = 0;
            while (space < body.length && body[space] >= '0' && body[space] <= '9' && length < body.length) {
                length = length * 10 + (body[space] - '0');
                space++;
            }
            if (space == at || space >= body.length || body[space] != ' ' || length <= space - at + 1
                    || at + length > body.length || body[(int) (at + length - 1)] != '\n') {
                return null;
            }
            String record = new String(body, space + 1, (int) (at + length - 1 - (space + 1)), StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals <= 0) {
                return null;
            }
            records.put(record.substring(0, equals), record.substring(equals + 1));
            at += (int) length;
        }
        return records;
    }

    /** The {@code size} record as a number, or -1 when absent; -2 when present but not a non-negative number. */
    static long size(Map<String, String> records) {
        String value = records.get("size");
        if (value == null) {
            return -1;
        }
        try {
            long size = Long.parseLong(value);
            return size < 0 ? -2 : size;
        } catch (NumberFormatException e) {
            return -2;
        }
    }
}
