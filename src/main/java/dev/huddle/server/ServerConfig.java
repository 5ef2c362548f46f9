package dev.huddle.server;

import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;

/**
 * How one server runs: where it listens, which extra Host names it answers to, its request-body
 * limit, its per-key rate limit ({@code ratePerSecond} 0: none), how long a stop waits for
 * requests in flight, the clock of its rate limiter and where it logs.
 */
public record ServerConfig(Bind bind, Set<String> allowedHosts, long maxBodyBytes, double ratePerSecond,
                           int rateBurst, Duration drainTimeout, InstantSource clock, PrintStream log) {

    /** Request bodies: JSON-escaped text can take six bytes per character, so 1 MiB fits the largest message with room. */
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;
    /** Per key: far above what an agent does (a few calls a second), low enough to stop a runaway loop. */
    public static final double DEFAULT_RATE = 200;
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(10);

    public ServerConfig {
        allowedHosts = Set.copyOf(allowedHosts);
        if (maxBodyBytes < 1 || ratePerSecond < 0 || rateBurst < 1 || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("bad server limits: body " + maxBodyBytes + ", rate " + ratePerSecond
                    + "/s, burst " + rateBurst + ", drain " + drainTimeout);
        }
    }

    /** The defaults at {@code bind}: burst of two seconds' worth of requests. */
    public static ServerConfig at(Bind bind) {
        return new ServerConfig(bind, Set.of(), DEFAULT_MAX_BODY, DEFAULT_RATE, (int) (2 * DEFAULT_RATE), DEFAULT_DRAIN,
                InstantSource.system(), System.err);
    }

    public ServerConfig withAllowedHosts(Set<String> hosts) {
        return new ServerConfig(bind, hosts, maxBodyBytes, ratePerSecond, rateBurst, drainTimeout, clock, log);
    }

    public ServerConfig withBodyLimit(long bytes) {
        return new ServerConfig(bind, allowedHosts, bytes, ratePerSecond, rateBurst, drainTimeout, clock, log);
    }

    /** {@code perSecond} 0 turns rate limiting off; the burst is two seconds' worth (at least 1). */
    public ServerConfig withRate(double perSecond, int burst) {
        return new ServerConfig(bind, allowedHosts, maxBodyBytes, perSecond, burst, drainTimeout, clock, log);
    }

    public ServerConfig withClock(InstantSource source) {
        return new ServerConfig(bind, allowedHosts, maxBodyBytes, ratePerSecond, rateBurst, drainTimeout, source, log);
    }

    public ServerConfig withDrain(Duration timeout) {
        return new ServerConfig(bind, allowedHosts, maxBodyBytes, ratePerSecond, rateBurst, timeout, clock, log);
    }

    public ServerConfig withLog(PrintStream stream) {
        return new ServerConfig(bind, allowedHosts, maxBodyBytes, ratePerSecond, rateBurst, drainTimeout, clock, stream);
    }
}
