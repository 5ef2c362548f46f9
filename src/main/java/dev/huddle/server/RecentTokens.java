package dev.huddle.server;

import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers accepted bearer tokens for a second, so a busy agent's requests do not each pay a
 * store read (and a turn on the one token connection) to prove the same token again. The price is
 * bounded: a token revoked or expired in the store stops working within {@link #FRESH}. Refusals
 * are never remembered, so every refused attempt is still decided, and audited, by the store.
 */
final class RecentTokens implements Authenticator {

    static final Duration FRESH = Duration.ofSeconds(1);
    /** Past this many distinct tokens the memory starts over; a flood of tokens only costs lookups. */
    static final int MAX_REMEMBERED = 10_000;

    private record Accepted(Caller caller, Instant at) {}

    private final Authenticator store;
    private final InstantSource clock;
    private final ConcurrentHashMap<String, Accepted> accepted = new ConcurrentHashMap<>();

    /** {@code clock} is the server's: a token's freshness is measured on the clock its expiry is. */
    RecentTokens(Authenticator store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<Caller> authenticate(String bearer) {
        Instant now = clock.instant();
        Accepted seen = accepted.get(bearer);
        if (seen != null && now.isBefore(seen.at().plus(FRESH)) && !now.isBefore(seen.at())) {
            return Optional.of(seen.caller());
        }
        Optional<Caller> caller = store.authenticate(bearer);
        if (caller.isPresent()) {
            if (accepted.size() >= MAX_REMEMBERED) {
                accepted.clear();
            }
            accepted.put(bearer, new Accepted(caller.get(), now));
        } else {
            accepted.remove(bearer);
        }
        return caller;
    }
}
