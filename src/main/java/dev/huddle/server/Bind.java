package dev.huddle.server;

import dev.huddle.core.HuddleException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where {@code huddle serve} listens: {@code HOST:PORT}, {@code [V6]:PORT}, or {@code :PORT}
 * (loopback). Port 0 picks a free port. The host is an IP address or a name; a name is resolved
 * once, here, to decide whether it is loopback.
 */
public record Bind(String host, int port) {

    public static final int DEFAULT_PORT = dev.huddle.boot.ServerBoot.DEFAULT_PORT;
    public static final Bind DEFAULT = new Bind("127.0.0.1", DEFAULT_PORT);

    public Bind {
        if (port < 0 || port > 65_535) {
            throw HuddleException.invalid("--bind port " + port + " is out of range: use 0-65535 (0 picks a free port)");
        }
    }

    /** Parses the text of {@code --bind}; bad text is {@link HuddleException.Kind#INVALID_INPUT}. */
    public static Bind parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw HuddleException.invalid("--bind needs HOST:PORT (e.g. 127.0.0.1:" + DEFAULT_PORT + "), not '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw HuddleException.invalid("--bind: write an IPv6 address in brackets, e.g. [::1]:" + DEFAULT_PORT);
        }
        String port = text.substring(colon + 1);
        if (port.isEmpty() || !port.chars().allMatch(Character::isDigit) || port.length() > 5) {
            throw HuddleException.invalid("--bind needs a port number after ':' (0-65535), not '" + port + "'");
        }
        return new Bind(host.isEmpty() ? DEFAULT.host : host, Integer.parseInt(port));
    }

    /** The address to listen on. A name that does not resolve is bad input. */
    public InetAddress address() {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw HuddleException.invalid("--bind host '" + host + "' does not resolve to an address of this machine");
        }
    }

    /** Whether only this machine can connect: a loopback address. A wildcard (0.0.0.0, ::) is not. */
    public boolean loopback() {
        return address().isLoopbackAddress();
    }

    /** The host as a URL writes it: IPv6 in brackets. */
    public String urlHost() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return urlHost() + ":" + port;
    }
}
