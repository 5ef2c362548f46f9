package dev.huddle.store;

import dev.huddle.core.token.AccessToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens of the server (DESIGN §8), by their public id. Only hashes are stored. The
 * JSON-lines export leaves this table out: a restored store gets new tokens.
 */
public interface TokenRows {

    /** Stores a new token; its id and hash must be new. */
    void insert(AccessToken token);

    Optional<AccessToken> find(String id);

    /** Every token, revoked and expired ones too, in the order they were issued. */
    List<AccessToken> all();

    /** Marks a live token revoked at {@code at}; false when it does not exist or was revoked already. */
    boolean revoke(String id, Instant at);

    /** Records that the token was used at {@code at}. */
    void touch(String id, Instant at);
}
