package dev.huddle.app.token;

import dev.huddle.app.Context;
import dev.huddle.app.token.Authentication.Authenticated;
import dev.huddle.app.token.Authentication.Reason;
import dev.huddle.app.token.Authentication.Refused;
import dev.huddle.core.HuddleException;
import dev.huddle.core.agent.AgentId;
import dev.huddle.core.clock.LamportTime;
import dev.huddle.core.event.Event;
import dev.huddle.core.event.EventFilter;
import dev.huddle.core.event.EventKind;
import dev.huddle.core.time.TimeText;
import dev.huddle.core.token.AccessToken;
import dev.huddle.core.token.TokenText;
import dev.huddle.store.Tx;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Issuing, listing, revoking and checking tokens. The secret is drawn from {@link SecureRandom},
 * printed once and never stored; audit events name tokens by their public id only. Token
 * administration is done by whoever opens the store, not by an agent, so its events have no agent.
 */
public final class TokenService implements Tokens {

    /** A token's last use is written at most this often (a write per request would halve a busy server). */
    static final Duration LAST_USE_GRANULARITY = Duration.ofMinutes(1);
    /**
     * Each token waits a further part of this, fixed by its id, before its last use is written again:
     * agents a script started together would otherwise all write theirs in the same second of every
     * minute, a burst of extra writes on the server's one writer (docs/decisions.md, "What the paced tail
     * waits for").
     */
    static final Duration LAST_USE_SPREAD = Duration.ofMinutes(1);

    private final Context ctx;
    private final SecureRandom random;
    private final RefusalBudget refusals = new RefusalBudget();

    public TokenService(Context ctx) {
        this(ctx, new SecureRandom());
    }

    TokenService(Context ctx, SecureRandom random) {
        this.ctx = ctx;
        this.random = random;
    }

    @Override
    public IssuedToken issue(AgentId agent, boolean operator, Optional<Duration> ttl) {
        ttl.filter(d -> d.isNegative() || d.isZero()).ifPresent(d -> {
            throw HuddleException.invalid("--ttl must be greater than zero");
        });
        byte[] secret = new byte[TokenText.SECRET_BYTES];
        random.nextBytes(secret);
        String text = TokenText.format(secret);
        String hash = TokenText.hashOf(text).orElseThrow();
        String id = TokenText.idOf(hash);
        TokenView view = ctx.write(tx -> {
            if (!operator && tx.agents().find(agent).isEmpty()) {
                throw HuddleException.failed("unknown agent '" + agent + "': register it first with 'huddle register "
                        + agent + "', or issue an --operator token for a human (any id)");
            }
            if (tx.tokens().find(id).isPresent()) {
                throw HuddleException.failed("token id " + id + " is taken (a 1 in 2^64 chance): run the command again");
            }
            Instant now = ctx.now();
            AccessToken token = new AccessToken(id, agent, operator, hash, now, ttl.map(now::plus),
                    Optional.empty(), Optional.empty());
            tx.tokens().insert(token);
            Map<String, Object> data = describe(token);
            token.expiresAt().ifPresent(t -> data.put("expires_at", TimeText.format(t)));
            audit(tx, EventKind.TOKEN_ISSUE, data, now);
            return TokenView.of(token, now);
        });
        return new IssuedToken(text, view);
    }

    @Override
    public List<TokenView> list() {
        Instant now = ctx.now();
        return ctx.read(tx -> tx.tokens().all().stream().map(t -> TokenView.of(t, now)).toList());
    }

    @Override
    public Revocation revoke(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(java.util.Locale.ROOT);
        if (wanted.startsWith(TokenText.PREFIX)) {
            // Never echo it: this is most likely the secret itself.
            throw HuddleException.invalid("that is a token, not a token id: revoke by the id 'huddle token list' shows "
                    + "(and treat the token you typed as leaked)");
        }
        if (!TokenText.isId(wanted)) {
            throw HuddleException.invalid("invalid token id '" + dev.huddle.core.text.TerminalText.oneLine(wanted)
                    + "': ids are 16 hex digits, as 'huddle token list' shows them");
        }
        return ctx.write(tx -> {
            Instant now = ctx.now();
            AccessToken found = tx.tokens().find(wanted).orElseThrow(() -> HuddleException.failed("unknown token id '"
                    + wanted + "': 'huddle token list' shows the tokens"));
            boolean changed = tx.tokens().revoke(wanted, now);
            if (changed) {
                audit(tx, EventKind.TOKEN_REVOKE, describe(found), now);
            }
            return new Revocation(TokenView.of(tx.tokens().find(wanted).orElseThrow(), now), changed);
        });
    }

    @Override
    public Authentication authenticate(String presented, Instant now) {
        Optional<String> hash = TokenText.hashOf(presented);
        if (hash.isEmpty()) {
            return refuse(Reason.MALFORMED, Optional.empty(), now);
        }
        Optional<AccessToken> found = ctx.read(tx -> tx.tokens().find(TokenText.idOf(hash.get())))
                .filter(t -> TokenText.sameHash(t.hash(), hash.get()));
        if (found.isEmpty()) {
            return refuse(Reason.UNKNOWN, Optional.empty(), now);
        }
        AccessToken token = found.get();
        if (token.revoked()) {
            return refuse(Reason.REVOKED, found, now);
        }
        if (token.expired(now)) {
            return refuse(Reason.EXPIRED, found, now);
        }
        if (token.lastUsed().map(t -> !now.isBefore(t.plus(lastUseEvery(token.id())))).orElse(true)) {
            ctx.write(tx -> {
                tx.tokens().touch(token.id(), now);
                return null;
            });
        }
        return new Authenticated(new Principal(token.agent(), token.operator(), token.id()));
    }

    /** How long after its last recorded use a token's use is recorded again: a minute and its own share of another. */
    static Duration lastUseEvery(String tokenId) {
        long spread = LAST_USE_SPREAD.toMillis();
        return LAST_USE_GRANULARITY.plusMillis(Math.floorMod(tokenId.hashCode() * 0x9E3779B1L, spread));
    }

    @Override
    public void recordOperatorAction(String tokenId, Optional<AgentId> agent, String operation, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("operation", operation);
        data.put("token", tokenId);
        agent.ifPresent(a -> data.put("for", a.value()));
        ctx.write(tx -> {
            audit(tx, EventKind.OPERATOR_ACTION, data, now);
            return null;
        });
    }

    private Refused refuse(Reason reason, Optional<AccessToken> token, Instant now) {
        OptionalLong suppressed = refusals.admit(now);
        if (suppressed.isPresent()) {
            Map<String, Object> data = token.map(TokenService::describe).orElseGet(LinkedHashMap::new);
            data.put("reason", reason.label());
            if (suppressed.getAsLong() > 0) {
                data.put("refusals_not_logged", suppressed.getAsLong());
            }
            ctx.write(tx -> {
                audit(tx, EventKind.TOKEN_REFUSED, data, now);
                return null;
            });
        }
        return new Refused(reason);
    }

    private static Map<String, Object> describe(AccessToken token) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("token", token.id());
        data.put("for", token.agent().value());
        data.put("operator", token.operator());
        return data;
    }

    /** An event of no agent, stamped at the log's latest Lamport time so it sorts where it happened. */
    private static void audit(Tx tx, String kind, Map<String, Object> data, Instant at) {
        LamportTime latest = tx.events().causal(EventFilter.after(0, 1)).stream()
                .map(Event::stamp).max(Comparator.naturalOrder()).orElse(LamportTime.ZERO);
        tx.events().append(new Event(0, latest, Optional.empty(), at, kind, Optional.empty(), Optional.empty(), data));
    }
}
