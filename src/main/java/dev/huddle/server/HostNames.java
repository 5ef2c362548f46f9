package dev.huddle.server;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The names a request may give as its {@code Host}: {@code localhost}, the loopback addresses,
 * the bound host, the names given with {@code --allow-host}, and the address the client actually
 * connected to, written as an address. A DNS-rebinding page always sends a name the attacker
 * controls, so an address literal of the connection itself is safe; any other name is refused.
 */
final class HostNames {

    private final Set<String> names;

    HostNames(String boundHost, Set<String> extra) {
        java.util.HashSet<String> all = new java.util.HashSet<>(Set.of("localhost", "127.0.0.1", "::1"));
        all.add(boundHost);
        all.addAll(extra);
        this.names = all.stream().map(HostNames::canonical).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether {@code hostHeader} ({@code name[:port]}) names this server; {@code localAddress} is the connection's. */
    boolean allows(String hostHeader, String localAddress) {
        String name = canonical(hostName(hostHeader));
        if (name.isEmpty()) {
            return false;
        }
        return names.contains(name) || isAddress(name) && localAddress != null && name.equals(canonical(localAddress));
    }

    /** Whether the origin {@code scheme://host[:port]} is the same host and port as {@code hostHeader}. */
    static boolean sameOrigin(String origin, String hostHeader) {
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            int originPort = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
            int hostPort = hostPort(hostHeader, defaultPort(uri.getScheme()));
            return canonical(uri.getHost()).equals(canonical(hostName(hostHeader))) && originPort == hostPort;
        } catch (URISyntaxException e) {
            return false; // "null" (sandboxed pages) and garbage are other origins
        }
    }

    /** The host part of {@code host[:port]} or {@code [v6][:port]}. */
    static String hostName(String hostHeader) {
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? "" : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static int hostPort(String hostHeader, int otherwise) {
        String h = hostHeader.strip();
        int colon = h.lastIndexOf(':');
        if (colon < 0 || colon < h.lastIndexOf(']')) {
            return otherwise;
        }
        try {
            return Integer.parseInt(h.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int defaultPort(String scheme) {
        return scheme.equalsIgnoreCase("https") ? 443 : 80;
    }

    /** Lower-case names; addresses in one canonical spelling (so {@code [::1]} and {@code 0:0:0:0:0:0:0:1} are equal). */
    static String canonical(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (isAddress(h)) {
            try {
                return InetAddress.ofLiteral(h).getHostAddress();
            } catch (IllegalArgumentException e) {
                return h;
            }
        }
        return h;
    }

    private static boolean isAddress(String h) {
        return !h.isEmpty() && (h.indexOf(':') >= 0 || h.chars().allMatch(c -> Character.isDigit(c) || c == '.'));
    }
}
