package dev.huddle.app.token;

import dev.huddle.core.agent.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The server's bearer tokens (DESIGN §8): issued once, kept only as a hash, revocable. Token
 * administration is a local-admin action: whoever can open the store may issue and revoke.
 */
public interface Tokens {

    /**
     * Issues a new token for {@code agent}; the returned text is the only copy of the secret. An
     * agent token needs a registered agent; an operator token (a human's) may name any id.
     * Without a ttl the token lasts until revoked.
     */
    IssuedToken issue(AgentId agent, boolean operator, Optional<Duration> ttl);

    /** Every token (revoked and expired ones too), oldest first, without any secret. */
    List<TokenView> list();

    /** Revokes the token with this id; revoking one already revoked changes nothing. */
    Revocation revoke(String id);

    /**
     * Decides whether {@code presented} (the bearer token of a request) is a live token, and whose.
     * A refusal is audited, at a bounded rate; a success updates the token's last use now and
     * then (at most once a minute), so a busy server does not write on every request.
     */
    Authentication authenticate(String presented, Instant now);

    /**
     * Audits an operator's action through the server (an operator-only operation, or a forced
     * release): which operation, by which token ({@code local} for the discovery credential) and
     * for which agent if the token has one. Written before the action runs, so a failing attempt
     * is on record too.
     */
    void recordOperatorAction(String tokenId, Optional<AgentId> agent, String operation, Instant now);
}
