package dev.labels.registry.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code NO_PROXY}: the hosts reached directly, as curl and Go read it. A comma-separated list of
 * <ul>
 *   <li>{@code *}: every host;</li>
 *   <li>a domain, with or without a leading dot ({@code example.com}, {@code .example.com}): that host and
 *       every subdomain;</li>
 *   <li>{@code host:port}: that host only on that port;</li>
 *   <li>an IP address or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}): matched against IP literals
 *       in URLs only. Host names are never resolved to decide, as neither curl nor Go does.</li>
 * </ul>
 * Loopback is not bypassed unless listed, as in curl (Go bypasses it implicitly): list
 * {@code localhost,127.0.0.1} when a proxy must not see local traffic.
 */
final class NoProxy {
    static final NoProxy NONE = new NoProxy(List.of(), false);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f]*:[0-9a-f:.]*");

    private record Entry(String domain, int port, byte[] network, int prefixBits) {
    }

    private final List<Entry> entries;
    private final boolean everything;

    private NoProxy(List<Entry> entries, boolean everything) {
        this.entries = entries;
        this.everything = everything;
    }

    static NoProxy parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        for (String raw : value.split(",")) {
            String item = raw.strip().toLowerCase(Locale.ROOT);
            if (item.equals("*")) {
                return new NoProxy(List.of(), true);
            }
            if (!item.isEmpty()) {
                Entry entry = entry(item);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        }
        return new NoProxy(List.copyOf(entries), false);
    }

    /** True when a request to host:port goes direct. */
    boolean bypasses(String host, int port) {
        if (everything) {
            return true;
        }
        String name = unbracket(host.toLowerCase(Locale.ROOT));
        byte[] address = literal(name);
        for (Entry entry : entries) {
            if (entry.network() != null) {
                if (address != null && inNetwork(address, entry.network(), entry.prefixBits())) {
                    return true;
                }
            } else if ((entry.port() < 0 || entry.port() == port)
                    && (name.equals(entry.domain()) || name.endsWith("." + entry.domain()))) {
                return true;
            }
        }
        return false;
    }

    private static Entry entry(String item) {
        int slash = item.indexOf('/');
        if (slash > 0) {
            byte[] network = literal(unbracket(item.substring(0, slash)));
            try {
                int bits = Integer.parseInt(item.substring(slash + 1));
                return network == null || bits < 0 || bits > network.length * 8 ? null : new Entry(null, -1, network, bits);
            } catch (NumberFormatException e) {
                return null; // curl and Go skip entries they cannot read; so do we
            }
        }
        String host = item;
        int port = -1;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close > 0 && host.startsWith(":", close + 1)) {
                port = port(host.substring(close + 2));
            }
            host = close > 0 ? host.substring(1, close) : host;
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') > 0) {
            port = port(host.substring(host.indexOf(':') + 1));
            host = host.substring(0, host.indexOf(':'));
        }
        byte[] address = literal(host);
        if (address != null) {
            return new Entry(null, -1, address, address.length * 8);
        }
        while (host.startsWith("*.") || host.startsWith(".")) {
            host = host.substring(host.indexOf('.') + 1);
        }
        return host.isEmpty() ? null : new Entry(host, port, null, 0);
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The bytes of an IP literal, or null for a host name. Never does a DNS lookup. */
    private static byte[] literal(String host) {
        if (IPV4.matcher(host).matches()) {
            byte[] bytes = new byte[4];
            String[] parts = host.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return bytes;
        }
        if (!IPV6.matcher(host).matches()) {
            return null;
        }
        try {
            // Brackets make the JDK parse a literal or fail: it never falls back to a name lookup for them.
            return InetAddress.getByName("[" + host + "]").getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static boolean inNetwork(byte[] address, byte[] network, int bits) {
        if (address.length != network.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
