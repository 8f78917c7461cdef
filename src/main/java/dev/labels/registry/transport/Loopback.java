package dev.labels.registry.transport;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which registries are on this machine. They are asked over plain HTTP first, and over HTTPS when they refuse
 * it ({@link SchemeProbe}). Only addresses and {@code localhost} count: {@code 127.example.com} is a name like
 * any other, and may be anywhere.
 */
public final class Loopback {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private Loopback() {
    }

    /** @param host a host name or address, IPv6 with or without brackets */
    public static boolean isLoopbackHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.equals("localhost") || IPV4_LOOPBACK.matcher(name).matches() || name.equals("::1")
                || name.equals("0:0:0:0:0:0:0:1");
    }

    /** @param registry {@code host[:port]} as references write it, IPv6 in brackets ({@code [::1]:5000}) */
    public static boolean isLoopbackRegistry(String registry) {
        int end = registry.startsWith("[") ? registry.indexOf(']') + 1 : registry.indexOf(':');
        return isLoopbackHost(end > 0 ? registry.substring(0, end) : registry);
    }
}
