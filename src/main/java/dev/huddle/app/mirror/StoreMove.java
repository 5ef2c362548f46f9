package dev.huddle.app.mirror;

import dev.huddle.core.HuddleException;
import dev.huddle.core.token.AccessToken;
import dev.huddle.store.Store;
import dev.huddle.store.StoreException;
import dev.huddle.store.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Moves a team's whole state from one store into another, empty one ({@code huddle migrate},
 * issue 10): every row the JSON-lines export carries, the bearer tokens (their hashes; an export
 * leaves them out) and each id sequence's high-water mark, so the target exports the same bytes
 * as the source and continues every id and the fencing counter where the source stood.
 *
 * <p>The source is read inside a rehearsed write transaction: the copy holds the source's
 * writers' lock from the first row read to the target's commit, so no write lands on the source
 * meanwhile (writers wait, then fail busy or go on after it), and the source is never changed.
 * The target is written in one transaction, all or nothing; a dry run rehearses it and rolls back.
 * Not a Coordinator operation: it spans two stores and never runs through a server.
 */
public final class StoreMove {

    private final Store source;
    private final Store target;
    private final boolean dryRun;

    public StoreMove(Store source, Store target, boolean dryRun) {
        this.source = source;
        this.target = target;
        this.dryRun = dryRun;
    }

    /** Copies everything, or nothing when the target is not empty or any row fails. */
    public Migrated run() {
        if (source.location().equals(target.location())) {
            throw HuddleException.invalid("--to names the current store (" + source.location()
                    + "): give a new SQLite file or an empty PostgreSQL database");
        }
        return source.rehearse(from -> {
            List<String> lines = new ArrayList<>();
            from.dump().export(lines::add);
            List<AccessToken> tokens = from.tokens().all();
            Map<String, Long> sequences = from.dump().sequences();
            Function<Tx, Map<String, Long>> copy = to -> restore(to, lines, tokens, sequences);
            return new Migrated(source.location(), target.location(), into(copy), dryRun);
        });
    }

    private Map<String, Long> into(Function<Tx, Map<String, Long>> copy) {
        try {
            return dryRun ? target.rehearse(copy) : target.write(copy);
        } catch (StoreException e) {
            // Not as a StoreException: the source's transaction would take the target's busy or lost
            // connection for its own, and retry or report it under the source's name.
            throw new HuddleException(e.kind(), e.getMessage(), e);
        }
    }

    private Map<String, Long> restore(Tx to, List<String> lines, List<AccessToken> tokens, Map<String, Long> sequences) {
        Map<String, Long> held = new TreeMap<>(to.dump().contents());
        long tokensHeld = to.tokens().all().size();
        if (tokensHeld > 0) {
            held.put("tokens", tokensHeld);
        }
        if (!held.isEmpty()) {
            throw HuddleException.failed("target " + target.location() + " is not empty (it holds "
                    + held.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                    + "): migrate copies into an empty store only; give a new SQLite file or an empty database"
                    + " (createdb NAME), or drop what the target holds yourself");
        }
        Map<String, Long> rows = new TreeMap<>(to.dump().restore(lines.iterator()));
        tokens.forEach(to.tokens()::insert);
        if (!tokens.isEmpty()) {
            rows.put("tokens", (long) tokens.size());
        }
        to.dump().continueSequences(sequences);
        return rows;
    }
}
