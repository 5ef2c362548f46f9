package dev.huddle.core.token;

import dev.huddle.core.agent.AgentId;
import java.time.Instant;
import java.util.Optional;

/**
 * A bearer token as the store keeps it (DESIGN §8): never the secret, only its SHA-256 hash (hex)
 * and the non-secret id derived from that hash ({@link TokenText#idOf}). An operator token is a
 * human's and may name an id no agent has registered.
 */
public record AccessToken(
        String id,
        AgentId agent,
        boolean operator,
        String hash,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Instant> lastUsed,
        Optional<Instant> revokedAt) {

    public boolean revoked() {
        return revokedAt.isPresent();
    }

    /** Expired from its expiry instant on. */
    public boolean expired(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }
}
