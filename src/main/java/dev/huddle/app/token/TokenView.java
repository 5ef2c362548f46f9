package dev.huddle.app.token;

import dev.huddle.core.agent.AgentId;
import dev.huddle.core.token.AccessToken;
import java.time.Instant;
import java.util.Optional;

/** A token as {@code token list} shows it: everything but its hash, and whether it has expired. */
public record TokenView(
        String id,
        AgentId agent,
        boolean operator,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Instant> lastUsed,
        Optional<Instant> revokedAt,
        boolean expired) {

    static TokenView of(AccessToken t, Instant now) {
        return new TokenView(t.id(), t.agent(), t.operator(), t.createdAt(), t.expiresAt(), t.lastUsed(), t.revokedAt(),
                t.expired(now));
    }

    /** {@code revoked}, {@code expired} or {@code active}. */
    public String state() {
        return revokedAt.isPresent() ? "revoked" : expired ? "expired" : "active";
    }
}
